// Stand-in until the store implementation lands.
#pragma warning disable CS1591, CA1822, CA1801, IDE0060
namespace Hologram.Testing.History;

public static class ErrorSignature
{
    public static string Compute(string? exceptionType, string? message, string? stackTrace) => exceptionType ?? "x";
}

public sealed record RunMetadataInfo(string? Commit, string? Branch, string? BuildId, string? CiProvider, string? CiUrl);

public static class RunMetadata
{
    public static RunMetadataInfo Detect(IReadOnlyDictionary<string, string?> env, string repositoryRoot) => new(null, null, null, null, null);
}

public sealed class HistoryRecorder : IAsyncDisposable
{
    public IHistoryStore? Store => null;

    public static Task<HistoryRecorder> StartAsync(HologramOptions options, RunInfo run, Action<string>? warn = null, CancellationToken ct = default) => Task.FromResult(new HistoryRecorder());

    public void Record(TestAttempt attempt) { }

    public void RecordFlake(FlakeEvent flake) { }

    public Task FlushAsync(CancellationToken ct = default) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
