namespace Hologram.Testing.History;

/// <summary>
/// The history store contract: every attempt of every test with its run's metadata, flake evidence, quarantine
/// state and its audit trail. Implemented by the SQLite and PostgreSQL stores with one schema; safe for many
/// processes writing at once. Every write is idempotent on its natural key, so replaying a spool never duplicates.
/// </summary>
public interface IHistoryStore : IAsyncDisposable
{
    /// <summary>Where the store is, for messages (credentials removed), e.g. <c>sqlite:/repo/reports/hologram.db</c>.</summary>
    string Description { get; }

    /// <summary>Records the start of a run (upsert on <see cref="RunInfo.RunId"/>).</summary>
    Task BeginRunAsync(RunInfo run, CancellationToken cancellationToken = default);

    /// <summary>Records the end of a run.</summary>
    Task EndRunAsync(string runId, DateTimeOffset endedAt, CancellationToken cancellationToken = default);

    /// <summary>Appends attempts in one transaction; an attempt already stored (same run, test, attempt number) is ignored.</summary>
    Task AppendAttemptsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends attempts like <see cref="AppendAttemptsAsync"/> and returns those not stored because a different attempt
    /// (another outcome, duration, message, signature or end time to the millisecond) is already stored under the same
    /// run, test id and attempt number: a collision. An identical attempt (a re-delivery, e.g. a spool replayed again)
    /// is not a collision. A store that cannot tell returns none.
    /// </summary>
    async Task<IReadOnlyList<TestAttempt>> AppendAttemptsReportingCollisionsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default)
    {
        await AppendAttemptsAsync(attempts, cancellationToken).ConfigureAwait(false);
        return [];
    }

    /// <summary>Adds flake evidence; an event already stored (same test, run, kind) is ignored.</summary>
    Task AddFlakesAsync(IReadOnlyCollection<FlakeEvent> flakes, CancellationToken cancellationToken = default);

    /// <summary>Flake events detected at or after <paramref name="since"/>, optionally for one test.</summary>
    Task<IReadOnlyList<FlakeEvent>> GetFlakesAsync(DateTimeOffset since, string? testId = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Tests whose final outcomes (passed vs failed) differ across runs of the same commit, among runs that started at
    /// or after <paramref name="since"/> (finished or still running): one event per (test, later run) pair, ready for
    /// <see cref="AddFlakesAsync"/>. With <paramref name="commit"/>, only runs of that commit are compared (the cheap
    /// check a finishing run makes).
    /// </summary>
    Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesAsync(DateTimeOffset since, string? commit = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The cross-run flakes of one run: its tests whose final outcome differs from that of an earlier run of
    /// <paramref name="commit"/> started at or after <paramref name="since"/> (the events
    /// <see cref="FindCrossRunFlakesAsync(DateTimeOffset, string?, CancellationToken)"/> gives for that run). The
    /// check a finishing run makes: its cost grows with the run's tests, not with the commit's history.
    /// </summary>
    async Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesOfRunAsync(
        DateTimeOffset since, string commit, string runId, CancellationToken cancellationToken = default) =>
        (await FindCrossRunFlakesAsync(since, commit, cancellationToken).ConfigureAwait(false))
            .Where(f => string.Equals(f.RunId, runId, StringComparison.Ordinal))
            .ToList();

    /// <summary>The tests quarantined now.</summary>
    Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken = default);

    /// <summary>Quarantines a test and appends an audit entry, in one transaction, only when that changes something (idempotent across concurrent runs; an existing quarantine keeps its since; only a manual entry updates one).</summary>
    Task QuarantineAsync(QuarantineEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Releases a test from quarantine and appends an audit entry, in one transaction; false if it was not quarantined.</summary>
    Task<bool> ReleaseAsync(string testId, DateTimeOffset at, string reason, string by, CancellationToken cancellationToken = default);

    /// <summary>The audit trail, oldest first, optionally for one test.</summary>
    Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string? testId = null, CancellationToken cancellationToken = default);

    /// <summary>For each test: how many of its most recent final outcomes in a row were passes (0 when the latest failed).</summary>
    Task<IReadOnlyDictionary<string, int>> GetConsecutivePassesAsync(IReadOnlyCollection<string> testIds, CancellationToken cancellationToken = default);

    /// <summary>Per-test figures over runs started at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<TestSummary>> GetTestSummariesAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per test, the mean duration in milliseconds of its final passed or failed attempts in runs started at or after
    /// <paramref name="since"/> (for balancing shards by recorded durations).
    /// </summary>
    Task<IReadOnlyDictionary<string, double>> GetTestDurationsAsync(DateTimeOffset since, CancellationToken cancellationToken = default);

    /// <summary>The most recent runs, newest first.</summary>
    Task<IReadOnlyList<RunInfo>> GetRunsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// The most recent runs, newest first, each with the totals of its attempts (final outcomes, passes on retry,
    /// quarantined failures, attempts and summed duration), aggregated in the store: one query, not one per run.
    /// </summary>
    Task<IReadOnlyList<RunTotals>> GetRunTotalsAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Every attempt of a run, in the order recorded.</summary>
    Task<IReadOnlyList<TestAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default);
    /// <summary>
    /// Appends perf measurements in one transaction; a measurement already stored (same run, name, phase) is ignored.
    /// A store without a <c>perf</c> table refuses.
    /// </summary>
    Task AppendPerfAsync(IReadOnlyCollection<PerfHistoryEntry> records, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"History store {Description} does not record perf measurements.");

    /// <summary>
    /// Perf measurements taken at or after <paramref name="since"/>, oldest first, optionally only those of one branch
    /// and one measurement name.
    /// </summary>
    Task<IReadOnlyList<PerfHistoryEntry>> GetPerfAsync(DateTimeOffset since, string? branch = null, string? name = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"History store {Description} does not record perf measurements.");
}
