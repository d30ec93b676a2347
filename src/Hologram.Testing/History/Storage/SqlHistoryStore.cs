using System.Data.Common;
using System.Text.Json;

namespace Hologram.Testing.History.Storage;

/// <summary>
/// The history store over ADO.NET: every query is shared by the SQLite and PostgreSQL backends (one schema, the SQL
/// both dialects accept); a backend supplies connections, the DDL, time conversion and how a write transaction starts.
/// </summary>
internal abstract partial class SqlHistoryStore : IHistoryStore
{
    /// <summary>The schema version this code writes and reads.</summary>
    public const int CurrentSchemaVersion = HistoryStores.SchemaVersion;

    private const int BatchSize = 500;

    /// <summary>The columns of an attempt row (<c>results</c>) after its key, in the order the inserts bind them.</summary>
    protected const string ResultColumns =
        "run_id, test_key, attempt, display_name, class_name, categories, outcome, duration_ms, is_final, quarantined, error_message, error_signature, finished_at";

    // A test's row, created on its first attempt; its class name is the first one recorded for the id.
    private const string InsertTestSql = "INSERT INTO tests (test_id, class_name) VALUES (@p0, @p1) ON CONFLICT DO NOTHING";

    // An attempt in the version 2 parameter order (run, test id, attempt, display name, class name, …): the test's number
    // is looked up by its id; display and class names are kept only where they differ from the test id and the test's
    // class name (NULL otherwise: the `attempts` view reads them back).
    private const string InsertAttemptSql =
        $"INSERT INTO results ({ResultColumns}) SELECT @p0, t.test_key, @p2, NULLIF(@p3, @p1), NULLIF(@p4, t.class_name), @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12 "
        + "FROM tests t WHERE t.test_id = @p1 ON CONFLICT DO NOTHING";

    /// <summary>
    /// The `attempts` view: the version 2 columns over <c>results</c> and <c>tests</c>, so that every query of attempts
    /// (and a user's own SQL over the file) reads them as before.
    /// </summary>
    private const string AttemptsView =
        "CREATE VIEW attempts AS SELECT a.id, a.run_id, t.test_id, a.attempt, COALESCE(a.display_name, t.test_id) AS display_name, "
        + "COALESCE(a.class_name, t.class_name) AS class_name, a.categories, a.outcome, a.duration_ms, a.is_final, a.quarantined, "
        + "a.error_message, a.error_signature, a.finished_at FROM results a JOIN tests t ON t.test_key = a.test_key";

    private const string InsertFlakeSql =
        "INSERT INTO flakes (test_id, run_id, kind, commit_sha, detected_at, error_signature) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT DO NOTHING";

    private const string PerfColumns =
        "run_id, name, phase, profile, environment, commit_sha, branch, samples, p50_ms, p95_ms, p95_lower_ms, p95_upper_ms, mean_ms, measured_at";

    private const string InsertPerfSql =
        $"INSERT INTO perf ({PerfColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12, @p13) ON CONFLICT DO NOTHING";

    private const string AttemptColumns =
        "run_id, test_id, attempt, display_name, class_name, categories, outcome, duration_ms, is_final, quarantined, error_message, error_signature, finished_at";

    private const string RunColumns =
        "run_id, build_id, commit_sha, branch, profile, shard, host, framework, assembly, started_at, ended_at, ci_provider, ci_url";

    /// <inheritdoc/>
    public abstract string Description { get; }

    /// <summary>
    /// The version 3 statements both dialects share after the new tables exist: the version 2 attempts moved into
    /// <c>tests</c> and <c>results</c> (row ids kept; a store created new moves nothing), the version 2 table dropped,
    /// the <c>attempts</c> view and the index of failures.
    /// </summary>
    /// <param name="overridingIds">What lets the move write the identity column (PostgreSQL), or nothing.</param>
    protected static string[] SchemaV3Moves(string overridingIds) =>
    [
        "INSERT INTO tests (test_id, class_name) SELECT test_id, MIN(class_name) FROM attempts GROUP BY test_id ORDER BY test_id",
        $"INSERT INTO results (id, {ResultColumns}){overridingIds} SELECT a.id, a.run_id, t.test_key, a.attempt, NULLIF(a.display_name, a.test_id), "
            + "NULLIF(a.class_name, t.class_name), a.categories, a.outcome, a.duration_ms, a.is_final, a.quarantined, a.error_message, a.error_signature, "
            + "a.finished_at FROM attempts a JOIN tests t ON t.test_id = a.test_id ORDER BY a.id",
        "DROP TABLE attempts",
        AttemptsView,
        // Failures are few, so these indexes cost little to keep: a test's last failure (the release count), and a
        // run's failures (the end-of-run cross-run check).
        "CREATE INDEX ix_results_failed ON results (test_key, finished_at) WHERE outcome = 'failed'",
        "CREATE INDEX ix_results_run_failed ON results (run_id, test_key) WHERE outcome = 'failed'",
    ];

    /// <summary>Opens a connection configured for use (pragmas, timeouts).</summary>
    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>The database value for a point in time.</summary>
    protected abstract object ToDb(DateTimeOffset value);

    /// <summary>Reads a point in time written by <see cref="ToDb"/>.</summary>
    protected abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Starts a transaction that will write (SQLite takes the write lock at once to avoid upgrade deadlocks).</summary>
    protected virtual async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Turns a provider error into a one-line <see cref="HistoryStoreException"/> when it is one the caller should see as such.</summary>
    protected virtual Exception? Translate(Exception error) => null;

    /// <inheritdoc/>
    public abstract ValueTask DisposeAsync();

    /// <inheritdoc/>
    public Task BeginRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        return WriteAsync(async (c, tx, ct) =>
        {
            await using var cmd = Command(c, tx,
                $"INSERT INTO runs ({RunColumns}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, @p10, @p11, @p12) "
                + "ON CONFLICT (run_id) DO UPDATE SET build_id = excluded.build_id, commit_sha = excluded.commit_sha, branch = excluded.branch, "
                + "profile = excluded.profile, shard = excluded.shard, host = excluded.host, framework = excluded.framework, assembly = excluded.assembly, "
                + "started_at = excluded.started_at, ended_at = COALESCE(excluded.ended_at, runs.ended_at), ci_provider = excluded.ci_provider, ci_url = excluded.ci_url",
                run.RunId, run.BuildId, run.Commit, run.Branch, run.Profile, run.Shard, run.Host, run.Framework, run.Assembly,
                ToDb(run.StartedAt), Nullable(run.EndedAt), run.CiProvider, run.CiUrl);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task EndRunAsync(string runId, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return WriteAsync(async (c, tx, ct) =>
        {
            await using var cmd = Command(c, tx, "UPDATE runs SET ended_at = @p0 WHERE run_id = @p1", ToDb(endedAt), runId);
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task AppendAttemptsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default) =>
        AppendAttemptsReportingCollisionsAsync(attempts, cancellationToken);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TestAttempt>> AppendAttemptsReportingCollisionsAsync(IReadOnlyCollection<TestAttempt> attempts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        if (attempts.Count == 0)
        {
            return [];
        }

        IReadOnlyList<TestAttempt> collisions = [];
        await WriteAsync(async (c, tx, ct) =>
        {
            var notInserted = await InsertAttemptsAsync(c, tx, attempts, ct).ConfigureAwait(false);
            collisions = notInserted.Count == 0 ? [] : await CollisionsAsync(c, tx, notInserted, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return collisions;
    }

    /// <summary>
    /// Appends a recorder's batch in its order (<see cref="AppendAttemptsReportingCollisionsAsync"/> for encoded
    /// attempts): a backend that can take the encoded rows directly (<see cref="InsertAttemptRowsAsync"/>) does, the others
    /// take the attempts as objects.
    /// </summary>
    /// <returns>The attempts that collided with a different stored result.</returns>
    internal async Task<IReadOnlyList<TestAttempt>> AppendAttemptBatchAsync(AttemptBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        IReadOnlyList<TestAttempt> collisions = [];
        await WriteAsync(async (c, tx, ct) =>
        {
            var notInserted = await InsertAttemptRowsAsync(c, tx, batch, ct).ConfigureAwait(false) is { } unchanged
                ? unchanged.ConvertAll(i => batch[i].ToAttempt())
                : await InsertAttemptsAsync(c, tx, batch.ToList(), ct).ConfigureAwait(false);
            collisions = notInserted.Count == 0 ? [] : await CollisionsAsync(c, tx, notInserted, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return collisions;
    }

    /// <summary>
    /// Inserts a batch's rows in the caller's transaction straight from their encoded form, when the backend can;
    /// returns the indexes of the rows that changed nothing (their key is taken, by an earlier run or an earlier row of
    /// the batch), or null when the backend cannot.
    /// </summary>
    protected virtual ValueTask<List<int>?> InsertAttemptRowsAsync(DbConnection connection, DbTransaction transaction, AttemptBatch batch, CancellationToken cancellationToken) =>
        ValueTask.FromResult<List<int>?>(null);

    private async Task<List<TestAttempt>> InsertAttemptsAsync(DbConnection c, DbTransaction tx, IReadOnlyCollection<TestAttempt> attempts, CancellationToken ct)
    {
        // Tests first, in id order (two writers creating the same tests take their rows in one order), then the attempts.
        var tests = attempts.DistinctBy(a => a.TestId, StringComparer.Ordinal).OrderBy(a => a.TestId, StringComparer.Ordinal).ToList();
        await ExecuteManyAsync(c, tx, InsertTestSql, tests, a => [a.TestId, a.ClassName], ct).ConfigureAwait(false);
        return await ExecuteManyAsync(c, tx, InsertAttemptSql, attempts, a =>
        [
            a.RunId, a.TestId, a.Attempt, a.DisplayName, a.ClassName, AttemptBatch.CategoriesJson(a.Categories),
            OutcomeName(a.Outcome), a.DurationMs, a.IsFinal, a.Quarantined, a.ErrorMessage, a.ErrorSignature, ToDb(a.FinishedAt),
        ], ct).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task AddFlakesAsync(IReadOnlyCollection<FlakeEvent> flakes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(flakes);
        if (flakes.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync((c, tx, ct) => ExecuteManyAsync(c, tx, InsertFlakeSql, flakes, f =>
            [f.TestId, f.RunId, KindName(f.Kind), f.Commit, ToDb(f.DetectedAt), f.ErrorSignature], ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FlakeEvent>> GetFlakesAsync(DateTimeOffset since, string? testId = null, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT test_id, run_id, kind, commit_sha, detected_at, error_signature FROM flakes WHERE detected_at >= @p0"
            + (testId is null ? string.Empty : " AND test_id = @p1") + " ORDER BY detected_at, id";
        object?[] args = testId is null ? [ToDb(since)] : [ToDb(since), testId];
        return QueryAsync(sql, args, r => new FlakeEvent
        {
            TestId = r.GetString(0),
            RunId = r.GetString(1),
            Kind = ParseKind(r.GetString(2)),
            Commit = NullableString(r, 3),
            DetectedAt = ReadTime(r, 4),
            ErrorSignature = NullableString(r, 5),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesAsync(DateTimeOffset since, string? commit = null, CancellationToken cancellationToken = default)
    {
        // One row per final pass/fail of a test in a run with a known commit; a later run whose outcome differs
        // from any earlier run of the same commit is a flake of that later run. A run still in progress counts with
        // the outcomes it has recorded so far (a final attempt is final).
        var sql =
            "WITH f AS ("
            + " SELECT a.test_key, a.run_id, r.commit_sha, r.started_at, COALESCE(r.ended_at, r.started_at) AS seen_at, a.outcome, a.error_signature"
            + " FROM results a JOIN runs r ON r.run_id = a.run_id"
            + " WHERE a.is_final = @p1 AND a.outcome IN ('passed', 'failed') AND r.commit_sha IS NOT NULL AND r.started_at >= @p0"
            + (commit is null ? string.Empty : " AND r.commit_sha = @p2")
            + ")"
            + " SELECT t.test_id, l.run_id, l.commit_sha, l.seen_at,"
            + " MAX(CASE WHEN l.outcome = 'failed' THEN l.error_signature ELSE e.error_signature END)"
            + " FROM f l JOIN f e ON e.test_key = l.test_key AND e.commit_sha = l.commit_sha AND e.outcome <> l.outcome"
            + " AND (e.started_at < l.started_at OR (e.started_at = l.started_at AND e.run_id < l.run_id))"
            + " JOIN tests t ON t.test_key = l.test_key"
            + " GROUP BY t.test_id, l.run_id, l.commit_sha, l.seen_at ORDER BY l.seen_at, t.test_id";
        object?[] parameters = commit is null ? [ToDb(since), true] : [ToDb(since), true, commit];
        return QueryAsync(sql, parameters, r => new FlakeEvent
        {
            TestId = r.GetString(0),
            RunId = r.GetString(1),
            Commit = r.GetString(2),
            Kind = FlakeKind.DifferentOutcomeSameCommit,
            DetectedAt = ReadTime(r, 3),
            ErrorSignature = NullableString(r, 4),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesOfRunAsync(
        DateTimeOffset since, string commit, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentNullException.ThrowIfNull(runId);
        // A differing outcome needs a failure on one side: the run's own final failures, each looked up among the final
        // passes of the earlier runs of the same commit, and those runs' final failures, each looked up among the run's
        // passes (through the indexes of failures and the (run, test, attempt) key). What it reads grows with the
        // failures, not with the tests, and nothing is read when the commit has no earlier run.
        const string Sql =
            "WITH er AS (SELECT r.run_id FROM runs lr JOIN runs r ON r.commit_sha = lr.commit_sha AND r.started_at >= @p0"
            + " AND (r.started_at < lr.started_at OR (r.started_at = lr.started_at AND r.run_id < lr.run_id))"
            + " WHERE lr.run_id = @p2 AND lr.commit_sha = @p3 AND lr.started_at >= @p0),"
            + " d AS ("
            // CROSS JOIN keeps SQLite's join order (the failures first); PostgreSQL plans it as any join.
            + " SELECT l.test_key, l.error_signature AS signature FROM results l CROSS JOIN er CROSS JOIN results e"
            + " WHERE l.run_id = @p2 AND l.outcome = 'failed' AND l.is_final = @p1"
            + " AND e.run_id = er.run_id AND e.test_key = l.test_key AND e.is_final = @p1 AND e.outcome = 'passed'"
            + " UNION ALL"
            + " SELECT e.test_key, e.error_signature FROM er CROSS JOIN results e CROSS JOIN results l"
            + " WHERE e.run_id = er.run_id AND e.outcome = 'failed' AND e.is_final = @p1"
            + " AND l.run_id = @p2 AND l.test_key = e.test_key AND l.is_final = @p1 AND l.outcome = 'passed')"
            + " SELECT t.test_id, lr.run_id, lr.commit_sha, COALESCE(lr.ended_at, lr.started_at), MAX(d.signature)"
            + " FROM d CROSS JOIN tests t CROSS JOIN runs lr WHERE t.test_key = d.test_key AND lr.run_id = @p2"
            + " GROUP BY t.test_id, lr.run_id, lr.commit_sha, COALESCE(lr.ended_at, lr.started_at) ORDER BY t.test_id";
        return QueryAsync(Sql, [ToDb(since), true, runId, commit], r => new FlakeEvent
        {
            TestId = r.GetString(0),
            RunId = r.GetString(1),
            Commit = r.GetString(2),
            Kind = FlakeKind.DifferentOutcomeSameCommit,
            DetectedAt = ReadTime(r, 3),
            ErrorSignature = NullableString(r, 4),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT test_id, since, reason, by_whom, manual, until_at FROM quarantine ORDER BY test_id", [], ReadQuarantine, cancellationToken);

    /// <inheritdoc/>
    public Task QuarantineAsync(QuarantineEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return WriteAsync(async (c, tx, ct) =>
        {
            // Idempotent under concurrent runs: the row is created once (the losers of the race insert nothing), and an
            // audit entry is written only for a real change. An existing quarantine keeps its `since`; a policy decision
            // never replaces one, a manual one updates reason, actor and expiry when they differ.
            int changed;
            await using (var insert = Command(c, tx,
                "INSERT INTO quarantine (test_id, since, reason, by_whom, manual, until_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) "
                + "ON CONFLICT (test_id) DO NOTHING",
                entry.TestId, ToDb(entry.Since), entry.Reason, entry.By, entry.Manual, Nullable(entry.Until)))
            {
                changed = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (changed == 0 && entry.Manual)
            {
                await using var update = Command(c, tx,
                    "UPDATE quarantine SET reason = @p1, by_whom = @p2, manual = @p3, until_at = @p4 WHERE test_id = @p0 "
                    + "AND (reason <> @p1 OR by_whom <> @p2 OR manual <> @p3 OR until_at IS DISTINCT FROM @p4)",
                    entry.TestId, entry.Reason, entry.By, entry.Manual, Nullable(entry.Until));
                changed = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            if (changed > 0)
            {
                await AuditAsync(c, tx, entry.Since, entry.TestId, "quarantined", entry.Reason, entry.By, ct).ConfigureAwait(false);
            }
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<bool> ReleaseAsync(string testId, DateTimeOffset at, string reason, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testId);
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(by);
        var released = false;
        await WriteAsync(async (c, tx, ct) =>
        {
            await using (var cmd = Command(c, tx, "DELETE FROM quarantine WHERE test_id = @p0", testId))
            {
                released = await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
            }

            if (released)
            {
                await AuditAsync(c, tx, at, testId, "released", reason, by, ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return released;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string? testId = null, CancellationToken cancellationToken = default)
    {
        var sql = "SELECT at, test_id, action, reason, by_whom FROM audit" + (testId is null ? string.Empty : " WHERE test_id = @p0") + " ORDER BY id";
        object?[] args = testId is null ? [] : [testId];
        return QueryAsync(sql, args, r => new AuditEntry
        {
            At = ReadTime(r, 0),
            TestId = r.GetString(1),
            Action = r.GetString(2),
            Reason = r.GetString(3),
            By = r.GetString(4),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, int>> GetConsecutivePassesAsync(IReadOnlyCollection<string> testIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testIds);
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        if (testIds.Count == 0)
        {
            return result;
        }

        // Greens recorded after the latest failed attempt (a retry's failure too). A green passed on its first attempt: a
        // pass on retry is a flake, and never counts toward release, or a test that flakes in every run would be released
        // and quarantined again over and over. Per test, two prepared queries: its number and latest failure (through
        // the index of failures), then its first attempts in the runs that ended since, each a point lookup by
        // (run, test, attempt): nothing reads a test's whole history.
        const string LastFailureSql =
            "SELECT t.test_key, (SELECT MAX(f.finished_at) FROM results f WHERE f.test_key = t.test_key AND f.outcome = 'failed') FROM tests t WHERE t.test_id = @p0";
        const string GreensSql =
            "SELECT COUNT(*) FROM runs u CROSS JOIN results a WHERE (u.ended_at IS NULL OR u.ended_at >= @p2) AND a.run_id = u.run_id AND a.test_key = @p0 "
            + "AND a.attempt = 1 AND a.is_final = @p1 AND a.outcome = 'passed' AND a.finished_at > @p2";
        await using var c = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var last = Command(c, null, LastFailureSql, string.Empty);
        await last.PrepareAsync(cancellationToken).ConfigureAwait(false);
        var never = ToDb(DateTimeOffset.UnixEpoch);
        await using var greens = Command(c, null, GreensSql, 0L, true, never);
        await greens.PrepareAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in testIds.Distinct(StringComparer.Ordinal))
        {
            last.Parameters[0].Value = id;
            long key;
            object since;
            await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    result[id] = 0;
                    continue;
                }

                key = reader.GetInt64(0);
                since = reader.IsDBNull(1) ? never : ToDb(ReadTime(reader, 1));
            }

            greens.Parameters[0].Value = key;
            greens.Parameters[2].Value = since;
            var count = await greens.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            result[id] = Convert.ToInt32(count, System.Globalization.CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyDictionary<string, double>> GetTestDurationsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        const string Sql =
            "SELECT t.test_id, d.mean FROM (SELECT a.test_key, AVG(a.duration_ms) AS mean FROM results a"
            + " WHERE a.is_final = @p1 AND a.outcome <> 'skipped' AND a.run_id IN (SELECT run_id FROM runs WHERE started_at >= @p0)"
            + " GROUP BY a.test_key) d JOIN tests t ON t.test_key = d.test_key";
        var rows = await QueryAsync(Sql, [ToDb(since), true], r => (
            TestId: r.GetString(0),
            Mean: Convert.ToDouble(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.TestId, r => r.Mean, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<TestSummary>> GetTestSummariesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // Aggregate the window's attempts by test number, then fetch each test's id, latest display name and failure
        // signature by key: point lookups per test instead of carrying text through the aggregation.
        const string Sql =
            "WITH agg AS ("
            + " SELECT a.test_key,"
            + " SUM(CASE WHEN a.outcome <> 'skipped' THEN 1 ELSE 0 END) AS runs,"
            + " SUM(CASE WHEN a.outcome = 'failed' THEN 1 ELSE 0 END) AS failures,"
            + " MAX(a.id) AS last_id,"
            + " MAX(CASE WHEN a.outcome = 'failed' THEN a.id END) AS last_failed_id"
            + " FROM results a"
            + " WHERE a.is_final = @p1 AND a.run_id IN (SELECT run_id FROM runs WHERE started_at >= @p0)"
            + " GROUP BY a.test_key)"
            + " SELECT t.test_id, agg.runs, agg.failures, COALESCE(l.display_name, t.test_id), f.error_signature"
            + " FROM agg JOIN tests t ON t.test_key = agg.test_key JOIN results l ON l.id = agg.last_id LEFT JOIN results f ON f.id = agg.last_failed_id"
            + " ORDER BY t.test_id";
        var rows = await QueryAsync(Sql, [ToDb(since), true], r => (
            TestId: r.GetString(0),
            Runs: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
            Failures: Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            DisplayName: r.GetString(3),
            Signature: NullableString(r, 4)), cancellationToken).ConfigureAwait(false);

        var flakes = await QueryAsync(
            "SELECT test_id, COUNT(*), MAX(detected_at) FROM flakes WHERE detected_at >= @p0 GROUP BY test_id",
            [ToDb(since)],
            r => (TestId: r.GetString(0), Count: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Last: ReadTime(r, 2)),
            cancellationToken).ConfigureAwait(false);
        var flakesById = flakes.ToDictionary(f => f.TestId, StringComparer.Ordinal);
        var quarantine = (await GetQuarantinedAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(q => q.TestId, StringComparer.Ordinal);

        var summaries = new List<TestSummary>(rows.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            seen.Add(row.TestId);
            flakesById.TryGetValue(row.TestId, out var flake);
            summaries.Add(new TestSummary
            {
                TestId = row.TestId,
                DisplayName = row.DisplayName,
                Runs = row.Runs,
                Failures = row.Failures,
                Flakes = flake.Count,
                LastFlake = flake.TestId is null ? null : flake.Last,
                LastSignature = row.Signature,
                Quarantine = quarantine.GetValueOrDefault(row.TestId),
            });
        }

        // Flake evidence for a test without attempts in the window still belongs in the report.
        foreach (var flake in flakes.Where(f => !seen.Contains(f.TestId)))
        {
            summaries.Add(new TestSummary
            {
                TestId = flake.TestId,
                DisplayName = flake.TestId,
                Runs = 0,
                Failures = 0,
                Flakes = flake.Count,
                LastFlake = flake.Last,
                Quarantine = quarantine.GetValueOrDefault(flake.TestId),
            });
        }

        summaries.Sort((a, b) => string.CompareOrdinal(a.TestId, b.TestId));
        return summaries;
    }

    /// <inheritdoc/>
    public Task AppendPerfAsync(IReadOnlyCollection<PerfHistoryEntry> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync((c, tx, ct) => ExecuteManyAsync(c, tx, InsertPerfSql, records, p =>
        [
            p.RunId, p.Name, p.Phase, p.Profile, p.Environment, p.Commit, p.Branch, p.Samples,
            p.P50Ms, p.P95Ms, p.P95LowerMs, p.P95UpperMs, p.MeanMs, ToDb(p.MeasuredAt),
        ], ct), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<PerfHistoryEntry>> GetPerfAsync(DateTimeOffset since, string? branch = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var args = new List<object?> { ToDb(since) };
        var sql = $"SELECT {PerfColumns} FROM perf WHERE measured_at >= @p0";
        if (branch is not null)
        {
            sql += $" AND branch = @p{args.Count}";
            args.Add(branch);
        }

        if (name is not null)
        {
            sql += $" AND name = @p{args.Count}";
            args.Add(name);
        }

        return QueryAsync(sql + " ORDER BY measured_at, id", [.. args], r => new PerfHistoryEntry
        {
            RunId = r.GetString(0),
            Name = r.GetString(1),
            Phase = r.GetString(2),
            Profile = r.GetString(3),
            Environment = r.GetString(4),
            Commit = NullableString(r, 5),
            Branch = NullableString(r, 6),
            Samples = Convert.ToInt32(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture),
            P50Ms = r.GetDouble(8),
            P95Ms = r.GetDouble(9),
            P95LowerMs = r.GetDouble(10),
            P95UpperMs = r.GetDouble(11),
            MeanMs = r.GetDouble(12),
            MeasuredAt = ReadTime(r, 13),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<RunInfo>> GetRunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return QueryAsync($"SELECT {RunColumns} FROM runs ORDER BY started_at DESC, run_id DESC LIMIT @p0", [limit], r => new RunInfo
        {
            RunId = r.GetString(0),
            BuildId = NullableString(r, 1),
            Commit = NullableString(r, 2),
            Branch = NullableString(r, 3),
            Profile = r.GetString(4),
            Shard = NullableString(r, 5),
            Host = r.GetString(6),
            Framework = r.GetString(7),
            Assembly = r.GetString(8),
            StartedAt = ReadTime(r, 9),
            EndedAt = r.IsDBNull(10) ? null : ReadTime(r, 10),
            CiProvider = NullableString(r, 11),
            CiUrl = NullableString(r, 12),
        }, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<RunTotals>> GetRunTotalsAsync(int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var runs = await GetRunsAsync(limit, cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return [];
        }

        // One pass over the runs' attempts through the (run_id, test_key, attempt) unique index; the same runs as above
        // are selected by the same ordering, so a run begun in between is simply not in the totals.
        const string Sql =
            "SELECT a.run_id,"
            + " SUM(CASE WHEN a.is_final = @p1 AND a.outcome = 'passed' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN a.is_final = @p1 AND a.outcome = 'failed' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN a.is_final = @p1 AND a.outcome = 'skipped' THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN a.is_final = @p1 AND a.outcome = 'passed' AND a.attempt > 1 THEN 1 ELSE 0 END),"
            + " SUM(CASE WHEN a.is_final = @p1 AND a.outcome = 'failed' AND a.quarantined = @p1 THEN 1 ELSE 0 END),"
            + " COUNT(*), COALESCE(SUM(a.duration_ms), 0)"
            + " FROM results a WHERE a.run_id IN (SELECT run_id FROM runs ORDER BY started_at DESC, run_id DESC LIMIT @p0)"
            + " GROUP BY a.run_id";
        var c = System.Globalization.CultureInfo.InvariantCulture;
        var totals = await QueryAsync(Sql, [limit, true], r => (
            RunId: r.GetString(0),
            Passed: Convert.ToInt32(r.GetValue(1), c),
            Failed: Convert.ToInt32(r.GetValue(2), c),
            Skipped: Convert.ToInt32(r.GetValue(3), c),
            Retried: Convert.ToInt32(r.GetValue(4), c),
            Quarantined: Convert.ToInt32(r.GetValue(5), c),
            Attempts: Convert.ToInt32(r.GetValue(6), c),
            Duration: Convert.ToDouble(r.GetValue(7), c)), cancellationToken).ConfigureAwait(false);
        var byRun = totals.ToDictionary(t => t.RunId, StringComparer.Ordinal);
        return runs.Select(run =>
        {
            byRun.TryGetValue(run.RunId, out var t);
            return new RunTotals
            {
                Run = run,
                Passed = t.Passed,
                Failed = t.Failed,
                Skipped = t.Skipped,
                PassedOnRetry = t.Retried,
                QuarantinedFailures = t.Quarantined,
                Attempts = t.Attempts,
                TestDurationMs = t.Duration,
            };
        }).ToList();
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<TestAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return QueryAsync($"SELECT {AttemptColumns} FROM attempts WHERE run_id = @p0 ORDER BY id", [runId], r => new TestAttempt
        {
            RunId = r.GetString(0),
            TestId = r.GetString(1),
            Attempt = Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture),
            DisplayName = r.GetString(3),
            ClassName = r.GetString(4),
            Categories = JsonSerializer.Deserialize<string[]>(r.GetString(5), HistoryJson.Options) ?? [],
            Outcome = ParseOutcome(r.GetString(6)),
            DurationMs = r.GetDouble(7),
            IsFinal = r.GetBoolean(8),
            Quarantined = r.GetBoolean(9),
            ErrorMessage = NullableString(r, 10),
            ErrorSignature = NullableString(r, 11),
            FinishedAt = ReadTime(r, 12),
        }, cancellationToken);
    }

    /// <summary>Stored name of an outcome.</summary>
    internal static string OutcomeName(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Failed => "failed",
        TestOutcome.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown outcome"),
    };

    /// <summary>Stored name of a flake kind.</summary>
    internal static string KindName(FlakeKind kind) => kind switch
    {
        FlakeKind.PassedOnRetry => "passed_on_retry",
        FlakeKind.DifferentOutcomeSameCommit => "different_outcome_same_commit",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown flake kind"),
    };

    /// <summary>Creates a command with parameters <c>@p0</c>, <c>@p1</c>, … bound to <paramref name="args"/>.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params object?[] args)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = transaction;
        for (var i = 0; i < args.Length; i++)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            p.Value = args[i] ?? DBNull.Value;
            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    private static TestOutcome ParseOutcome(string value) => value switch
    {
        "passed" => TestOutcome.Passed,
        "failed" => TestOutcome.Failed,
        "skipped" => TestOutcome.Skipped,
        _ => throw new InvalidDataException($"unknown outcome '{value}' in the history store"),
    };

    private static FlakeKind ParseKind(string value) => value switch
    {
        "passed_on_retry" => FlakeKind.PassedOnRetry,
        "different_outcome_same_commit" => FlakeKind.DifferentOutcomeSameCommit,
        _ => throw new InvalidDataException($"unknown flake kind '{value}' in the history store"),
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private object? Nullable(DateTimeOffset? value) => value is { } v ? ToDb(v) : null;

    private QuarantineEntry ReadQuarantine(DbDataReader r) => new()
    {
        TestId = r.GetString(0),
        Since = ReadTime(r, 1),
        Reason = r.GetString(2),
        By = r.GetString(3),
        Manual = r.GetBoolean(4),
        Until = r.IsDBNull(5) ? null : ReadTime(r, 5),
    };

    private async Task AuditAsync(DbConnection c, DbTransaction tx, DateTimeOffset at, string testId, string action, string reason, string by, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, "INSERT INTO audit (at, test_id, action, reason, by_whom) VALUES (@p0, @p1, @p2, @p3, @p4)",
            ToDb(at), testId, action, reason, by);
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    private async Task WriteAsync(Func<DbConnection, DbTransaction, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await BeginWriteAsync(c, cancellationToken).ConfigureAwait(false);
            await work(c, tx, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object?[] args, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = Command(c, null, sql, args);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var list = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                list.Add(read(reader));
            }

            return list;
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>
    /// Of attempts whose insert changed nothing (their key is taken), those that differ from the attempt stored under
    /// that key: read back in the writing transaction, so an earlier row of the same batch counts too. Times compare to
    /// the millisecond (what every backend keeps), durations exactly.
    /// </summary>
    private async Task<List<TestAttempt>> CollisionsAsync(DbConnection c, DbTransaction tx, List<TestAttempt> notInserted, CancellationToken ct)
    {
        const string Sql = "SELECT outcome, duration_ms, error_message, error_signature, finished_at FROM attempts WHERE run_id = @p0 AND test_id = @p1 AND attempt = @p2";
        var collisions = new List<TestAttempt>();
        var stored = await QueryManyAsync(c, tx, Sql, notInserted, a => [a.RunId, a.TestId, a.Attempt], r => (
            Outcome: r.GetString(0),
            DurationMs: r.GetDouble(1),
            Message: NullableString(r, 2),
            Signature: NullableString(r, 3),
            FinishedAt: ReadTime(r, 4)), ct).ConfigureAwait(false);
        for (var i = 0; i < notInserted.Count; i++)
        {
            var a = notInserted[i];
            var same = stored[i] is { } s
                && string.Equals(s.Outcome, OutcomeName(a.Outcome), StringComparison.Ordinal)
                && s.DurationMs.Equals(a.DurationMs)
                && string.Equals(s.Message, a.ErrorMessage, StringComparison.Ordinal)
                && string.Equals(s.Signature, a.ErrorSignature, StringComparison.Ordinal)
                && s.FinishedAt.ToUnixTimeMilliseconds() == a.FinishedAt.ToUnixTimeMilliseconds();
            if (!same)
            {
                collisions.Add(a);
            }
        }

        return collisions;
    }

    /// <summary>Runs one single-row query per key in the caller's transaction; the row of each key, or default when it has none.</summary>
    private static async Task<List<TRow?>> QueryManyAsync<TKey, TRow>(
        DbConnection c, DbTransaction tx, string sql, List<TKey> keys, Func<TKey, object?[]> values, Func<DbDataReader, TRow> read, CancellationToken ct)
        where TRow : struct
    {
        var rows = new List<TRow?>(keys.Count);
        if (c.CanCreateBatch)
        {
            foreach (var chunk in keys.Chunk(BatchSize))
            {
                await using var batch = Batch(c, tx, sql, chunk, values);
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (i > 0)
                    {
                        await reader.NextResultAsync(ct).ConfigureAwait(false);
                    }

                    rows.Add(await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null);
                }
            }

            return rows;
        }

        await using var cmd = Command(c, tx, sql, values(keys[0]));
        await cmd.PrepareAsync(ct).ConfigureAwait(false);
        for (var k = 0; k < keys.Count; k++)
        {
            if (k > 0)
            {
                Rebind(cmd, values(keys[k]));
            }

            await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            rows.Add(await reader.ReadAsync(ct).ConfigureAwait(false) ? read(reader) : null);
        }

        return rows;
    }

    /// <summary>Runs <paramref name="sql"/> once per row in the caller's transaction; returns the rows it changed nothing for.</summary>
    private static async Task<List<T>> ExecuteManyAsync<T>(DbConnection c, DbTransaction tx, string sql, IReadOnlyCollection<T> rows, Func<T, object?[]> values, CancellationToken ct)
    {
        var unchanged = new List<T>();
        if (c.CanCreateBatch)
        {
            // Round trips matter on a network server: send the rows in batches of statements.
            foreach (var chunk in rows.Chunk(BatchSize))
            {
                await using var batch = Batch(c, tx, sql, chunk, values);
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                for (var i = 0; i < chunk.Length; i++)
                {
                    if (batch.BatchCommands[i].RecordsAffected == 0)
                    {
                        unchanged.Add(chunk[i]);
                    }
                }
            }

            return unchanged;
        }

        // Embedded database: one prepared statement, rebound per row, all in the caller's transaction. The parameters
        // are named as the statement spells them ("@p0"): Microsoft.Data.Sqlite looks each name up in the statement on
        // every execution, and an unprefixed name costs a lookup per prefix it might carry (four in all) rather than one.
        await using var cmd = Command(c, tx, sql, values(rows.First()));
        foreach (DbParameter parameter in cmd.Parameters)
        {
            parameter.ParameterName = "@" + parameter.ParameterName;
        }

        await cmd.PrepareAsync(ct).ConfigureAwait(false);
        var first = true;
        foreach (var row in rows)
        {
            if (!first)
            {
                Rebind(cmd, values(row));
            }

            first = false;
            if (await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
            {
                unchanged.Add(row);
            }
        }

        return unchanged;
    }

    private static DbBatch Batch<T>(DbConnection c, DbTransaction tx, string sql, T[] rows, Func<T, object?[]> values)
    {
        var batch = c.CreateBatch();
        batch.Transaction = tx;
        foreach (var row in rows)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = sql;
            var args = values(row);
            for (var i = 0; i < args.Length; i++)
            {
                var p = command.CreateParameter();
                p.ParameterName = "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                p.Value = args[i] ?? DBNull.Value;
                command.Parameters.Add(p);
            }

            batch.BatchCommands.Add(command);
        }

        return batch;
    }

    private static void Rebind(DbCommand cmd, object?[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            cmd.Parameters[i].Value = args[i] ?? DBNull.Value;
        }
    }
}
