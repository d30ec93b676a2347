using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

/// <summary>Wraps a real store and starts failing every write once <see cref="Broken"/> is set (the server went away).</summary>
internal sealed class FailingHistoryStore(IHistoryStore inner) : IHistoryStore
{
    public volatile bool Broken;

    public string Description => inner.Description;

    private Task Check() => Broken ? throw new HistoryStoreException($"History store {Description} is unreachable (connection refused).") : Task.CompletedTask;

    public async Task BeginRunAsync(RunInfo run, CancellationToken cancellationToken = default) { await Check(); await inner.BeginRunAsync(run, cancellationToken); }

    public async Task EndRunAsync(string runId, DateTimeOffset endedAt, CancellationToken cancellationToken = default) { await Check(); await inner.EndRunAsync(runId, endedAt, cancellationToken); }

    public async Task AppendAttemptsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default) { await Check(); await inner.AppendAttemptsAsync(attempts, cancellationToken); }

    public async Task<IReadOnlyList<TestAttempt>> AppendAttemptsReportingCollisionsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default)
    {
        await Check();
        return await inner.AppendAttemptsReportingCollisionsAsync(attempts, cancellationToken);
    }

    public async Task AddFlakesAsync(IReadOnlyCollection<FlakeEvent> flakes, CancellationToken cancellationToken = default) { await Check(); await inner.AddFlakesAsync(flakes, cancellationToken); }

    public async Task AppendPerfAsync(IReadOnlyCollection<PerfHistoryEntry> records, CancellationToken cancellationToken = default) { await Check(); await inner.AppendPerfAsync(records, cancellationToken); }

    public Task<IReadOnlyList<PerfHistoryEntry>> GetPerfAsync(DateTimeOffset since, string? branch = null, string? name = null, CancellationToken cancellationToken = default) =>
        inner.GetPerfAsync(since, branch, name, cancellationToken);

    public Task<IReadOnlyList<FlakeEvent>> GetFlakesAsync(DateTimeOffset since, string? testId = null, CancellationToken cancellationToken = default) => inner.GetFlakesAsync(since, testId, cancellationToken);

    public Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesAsync(DateTimeOffset since, string? commit = null, CancellationToken cancellationToken = default) => inner.FindCrossRunFlakesAsync(since, commit, cancellationToken);

    public Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken = default) => inner.GetQuarantinedAsync(cancellationToken);

    public Task QuarantineAsync(QuarantineEntry entry, CancellationToken cancellationToken = default) => inner.QuarantineAsync(entry, cancellationToken);

    public Task<bool> ReleaseAsync(string testId, DateTimeOffset at, string reason, string by, CancellationToken cancellationToken = default) => inner.ReleaseAsync(testId, at, reason, by, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string? testId = null, CancellationToken cancellationToken = default) => inner.GetAuditAsync(testId, cancellationToken);

    public Task<IReadOnlyDictionary<string, int>> GetConsecutivePassesAsync(IReadOnlyCollection<string> testIds, CancellationToken cancellationToken = default) => inner.GetConsecutivePassesAsync(testIds, cancellationToken);

    public Task<IReadOnlyList<TestSummary>> GetTestSummariesAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => inner.GetTestSummariesAsync(since, cancellationToken);

    public Task<IReadOnlyDictionary<string, double>> GetTestDurationsAsync(DateTimeOffset since, CancellationToken cancellationToken = default) => inner.GetTestDurationsAsync(since, cancellationToken);

    public Task<IReadOnlyList<RunInfo>> GetRunsAsync(int limit, CancellationToken cancellationToken = default) => inner.GetRunsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<RunTotals>> GetRunTotalsAsync(int limit, CancellationToken cancellationToken = default) => inner.GetRunTotalsAsync(limit, cancellationToken);

    public Task<IReadOnlyList<TestAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default) => inner.GetAttemptsAsync(runId, cancellationToken);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the test owns the inner store
}
