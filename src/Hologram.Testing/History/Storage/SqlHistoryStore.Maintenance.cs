using System.Data.Common;
using System.Globalization;

namespace Hologram.Testing.History.Storage;

/// <summary>The life-cycle side of the store: statistics, retention and the raw rows a copy moves between stores.</summary>
internal abstract partial class SqlHistoryStore
{
    /// <summary>The tables of the schema, in the order they are reported.</summary>
    internal static readonly string[] Tables = ["runs", "attempts", "flakes", "quarantine", "audit", "perf"];

    /// <summary>The tables that hold the rows (the attempts are the <c>results</c> of <c>tests</c>), for the store's size.</summary>
    internal static readonly string[] StorageTables = ["runs", "tests", "results", "flakes", "quarantine", "audit", "perf", "schema_version"];

    /// <summary>Bytes the store takes on disk (data and indexes).</summary>
    protected abstract Task<long> SizeBytesAsync(CancellationToken cancellationToken);

    /// <summary>Rows per table, the store's size and the span of its runs.</summary>
    internal async Task<StoreStats> GetStatsAsync(CancellationToken cancellationToken = default)
    {
        var counts = new List<(string, long)>(Tables.Length);
        foreach (var table in Tables)
        {
            // Attempts are counted where they are stored, without the view's join.
            var rows = await QueryAsync($"SELECT COUNT(*) FROM {(table == "attempts" ? "results" : table)}", [], r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            counts.Add((table, rows[0]));
        }

        var span = await QueryAsync("SELECT MIN(started_at), MAX(started_at) FROM runs", [], r => (
            Oldest: r.IsDBNull(0) ? (DateTimeOffset?)null : ReadTime(r, 0),
            Newest: r.IsDBNull(1) ? (DateTimeOffset?)null : ReadTime(r, 1)), cancellationToken).ConfigureAwait(false);
        return new StoreStats
        {
            Tables = counts,
            SizeBytes = await SizeBytesAsync(cancellationToken).ConfigureAwait(false),
            OldestRun = span[0].Oldest,
            NewestRun = span[0].Newest,
        };
    }

    /// <summary>
    /// Removes, in one transaction, what is older than <paramref name="before"/>: the attempts of runs started before
    /// it, the runs left without attempts, flake events, audit entries and perf measurements. Everything about a test
    /// quarantined now is kept (its attempts, flake evidence and audit trail), and the quarantine table is never touched:
    /// the state the next run decides on stays as it is. With <paramref name="dryRun"/>, counts without removing.
    /// </summary>
    internal async Task<PruneResult> PruneAsync(DateTimeOffset before, bool dryRun, CancellationToken cancellationToken = default)
    {
        // The same conditions count (dry run) and delete, so the figures a dry run prints are what a prune removes.
        const string OldAttempts = "FROM results WHERE run_id IN (SELECT run_id FROM runs WHERE started_at < @p0) AND test_key NOT IN (SELECT t.test_key FROM tests t JOIN quarantine q ON q.test_id = t.test_id)";
        const string OldFlakes = "FROM flakes WHERE detected_at < @p0 AND test_id NOT IN (SELECT test_id FROM quarantine)";
        const string OldAudit = "FROM audit WHERE at < @p0 AND test_id NOT IN (SELECT test_id FROM quarantine)";
        const string OldPerf = "FROM perf WHERE measured_at < @p0";
        long attempts = 0, runs = 0, flakes = 0, audit = 0, perf = 0;
        await WriteAsync(async (c, tx, ct) =>
        {
            attempts = await CountOrDeleteAsync(c, tx, OldAttempts, before, dryRun, ct).ConfigureAwait(false);
            // A run keeps its row while any attempt of it is kept; in a dry run, "kept" means not among the attempts counted above.
            runs = await CountOrDeleteAsync(c, tx, dryRun
                ? "FROM runs WHERE started_at < @p0 AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.run_id = runs.run_id AND a.test_id IN (SELECT test_id FROM quarantine))"
                : "FROM runs WHERE started_at < @p0 AND NOT EXISTS (SELECT 1 FROM results a WHERE a.run_id = runs.run_id)", before, dryRun, ct).ConfigureAwait(false);
            if (!dryRun && attempts > 0)
            {
                // A test left without attempts loses its row too (one pass over the attempts, not a lookup per test).
                await using var tests = Command(c, tx, "DELETE FROM tests WHERE test_key NOT IN (SELECT DISTINCT test_key FROM results)");
                await tests.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            flakes = await CountOrDeleteAsync(c, tx, OldFlakes, before, dryRun, ct).ConfigureAwait(false);
            audit = await CountOrDeleteAsync(c, tx, OldAudit, before, dryRun, ct).ConfigureAwait(false);
            perf = await CountOrDeleteAsync(c, tx, OldPerf, before, dryRun, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return new PruneResult(runs, attempts, flakes, audit, perf);
    }

    /// <summary>Per run, how many attempts the store holds (what a resumed copy compares to skip runs already copied).</summary>
    internal async Task<Dictionary<string, long>> GetAttemptCountsAsync(CancellationToken cancellationToken = default)
    {
        var rows = await QueryAsync("SELECT run_id, COUNT(*) FROM results GROUP BY run_id", [], r =>
            (RunId: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.RunId, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>
    /// Stores quarantine entries as they are (a copy, not a decision): an entry for a test already quarantined here is
    /// left alone, and no audit entry is written (the audit trail is copied on its own).
    /// </summary>
    /// <returns>The entries added.</returns>
    internal async Task<long> ImportQuarantineAsync(IReadOnlyCollection<QuarantineEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var unchanged = 0;
        await WriteAsync(async (c, tx, ct) => unchanged = (await ExecuteManyAsync(c, tx,
            "INSERT INTO quarantine (test_id, since, reason, by_whom, manual, until_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5) ON CONFLICT (test_id) DO NOTHING",
            entries, e => [e.TestId, ToDb(e.Since), e.Reason, e.By, e.Manual, Nullable(e.Until)], ct).ConfigureAwait(false)).Count, cancellationToken).ConfigureAwait(false);
        return entries.Count - unchanged;
    }

    /// <summary>
    /// Appends audit entries that are not here yet: the audit table has no key of its own, so an entry counts as
    /// present when one with the same time (to the millisecond), test, action, reason and actor is.
    /// </summary>
    /// <returns>The entries added.</returns>
    internal async Task<long> ImportAuditAsync(IReadOnlyCollection<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        if (entries.Count == 0)
        {
            return 0;
        }

        var present = (await GetAuditAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
            .Select(AuditKey).ToHashSet();
        var missing = entries.Where(e => present.Add(AuditKey(e))).ToList();
        if (missing.Count > 0)
        {
            await WriteAsync((c, tx, ct) => ExecuteManyAsync(c, tx,
                "INSERT INTO audit (at, test_id, action, reason, by_whom) VALUES (@p0, @p1, @p2, @p3, @p4)",
                missing, e => [ToDb(DateTimeOffset.FromUnixTimeMilliseconds(e.At.ToUnixTimeMilliseconds())), e.TestId, e.Action, e.Reason, e.By], ct), cancellationToken).ConfigureAwait(false);
        }

        return missing.Count;
    }

    private static (long, string, string, string, string) AuditKey(AuditEntry e) => (e.At.ToUnixTimeMilliseconds(), e.TestId, e.Action, e.Reason, e.By);

    private async Task<long> CountOrDeleteAsync(DbConnection c, DbTransaction tx, string from, DateTimeOffset before, bool dryRun, CancellationToken ct)
    {
        await using var cmd = Command(c, tx, (dryRun ? "SELECT COUNT(*) " : "DELETE ") + from, ToDb(before));
        return dryRun
            ? Convert.ToInt64(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false), CultureInfo.InvariantCulture)
            : await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
