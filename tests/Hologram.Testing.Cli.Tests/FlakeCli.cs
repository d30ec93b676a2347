using Hologram.Testing.Cli.Store;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.History.Spool;

namespace Hologram.Testing.Cli.Tests;

/// <summary>Runs <c>hologram flake …</c> in process against an in-memory store, a fixed clock and a temporary repository.</summary>
internal sealed class FlakeCli : IDisposable
{
    /// <summary>The fixed "now" of every flake test.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly CliRun repository = new();

    public FlakeCli()
    {
        Backend = new FakeBackend(this);
        Environment["USER"] = "alice";
    }

    public FlakeFakeHistoryStore Store { get; set; } = new();

    public FakeBackend Backend { get; }

    /// <summary>When true, commands open the configured store for real (SQLite under <see cref="Root"/> by default).</summary>
    public bool UseRealStore { get; init; }

    public string Root => repository.Root;

    public Dictionary<string, string?> Environment => repository.Environment;

    public string Out { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public int Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, Environment, Root) { History = UseRealStore ? HistoryBackend.Instance : Backend, Time = new FixedTime(Now) };
        var exitCode = new HologramCli(context).Run(args);
        Out = output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Error = error.ToString();
        return exitCode;
    }

    public void AssertOneErrorLine(string expected)
    {
        var lines = Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("hologram: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", Error, StringComparison.Ordinal);
    }

    public void Dispose() => repository.Dispose();

    /// <summary>Hands out <see cref="Store"/>, or fails like an unreachable server.</summary>
    internal sealed class FakeBackend(FlakeCli owner) : IHistoryBackend
    {
        public Exception? OpenFailure { get; set; }

        public HologramOptions? LastOptions { get; private set; }

        public string? IngestedFrom { get; private set; }

        public SpoolIngestResult IngestResult { get; set; } = new() { Files = 2, Runs = 2, Attempts = 40, Flakes = 1 };

        public Task<IHistoryStore> OpenAsync(HologramOptions options, CancellationToken cancellationToken)
        {
            LastOptions = options;
            return OpenFailure is null ? Task.FromResult<IHistoryStore>(owner.Store) : Task.FromException<IHistoryStore>(OpenFailure);
        }

        public Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken)
        {
            IngestedFrom = spoolDirectory;
            return Task.FromResult(IngestResult);
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
