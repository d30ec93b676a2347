using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// What a store holds, read with plain SQL (not through the store under test): attempts per run, duplicates, run rows,
/// quarantine rows and audit entries.
/// </summary>
internal sealed record StoreLedger(
    IReadOnlyDictionary<string, int> AttemptsByRun, int Attempts, int DistinctAttempts, int Runs, int EndedRuns, int Quarantined, int QuarantineAudit, int ReleaseAudit)
{
    /// <summary>Audit entries that change nothing: a test quarantined again while quarantined, or released while not.</summary>
    public int RedundantAudit { get; private init; }

    /// <summary>Tests whose last audit entry disagrees with the quarantine table.</summary>
    public int StateMismatches { get; private init; }

    /// <summary>Real quarantine changes: audit entries that changed a test's state.</summary>
    public int RealChanges => QuarantineAudit + ReleaseAudit - RedundantAudit;

    /// <summary>Rows that repeat a (run, test, attempt), plus run rows beyond the runs that were started.</summary>
    public int Duplicates(int runsStarted) => Attempts - DistinctAttempts + Math.Max(0, Runs - runsStarted);

    public int AttemptsOf(string? runId) => runId is not null && AttemptsByRun.TryGetValue(runId, out var n) ? n : 0;

    public static async Task<StoreLedger> ReadAsync(string store)
    {
        await using DbConnection connection = store.StartsWith("sqlite:", StringComparison.Ordinal)
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = store["sqlite:".Length..], Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString())
            : new NpgsqlConnection(store);
        await connection.OpenAsync();
        var byRun = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT run_id, COUNT(*) FROM attempts GROUP BY run_id";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                byRun[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        var quarantined = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT test_id FROM quarantine";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                quarantined.Add(reader.GetString(0));
            }
        }

        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        var redundant = 0;
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT test_id, action FROM audit ORDER BY id";
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (test, action) = (reader.GetString(0), reader.GetString(1));
                var previous = last.GetValueOrDefault(test, "released");
                redundant += previous == action ? 1 : 0;
                last[test] = action;
            }
        }

        var mismatches = last.Count(kv => (kv.Value == "quarantined") != quarantined.Contains(kv.Key)) + quarantined.Count(t => !last.ContainsKey(t));
        return new StoreLedger(
            byRun,
            await CountAsync(connection, "SELECT COUNT(*) FROM attempts"),
            await CountAsync(connection, "SELECT COUNT(*) FROM (SELECT DISTINCT run_id, test_id, attempt FROM attempts) d"),
            await CountAsync(connection, "SELECT COUNT(*) FROM runs"),
            await CountAsync(connection, "SELECT COUNT(*) FROM runs WHERE ended_at IS NOT NULL"),
            await CountAsync(connection, "SELECT COUNT(*) FROM quarantine"),
            await CountAsync(connection, "SELECT COUNT(*) FROM audit WHERE action = 'quarantined'"),
            await CountAsync(connection, "SELECT COUNT(*) FROM audit WHERE action = 'released'"))
        {
            RedundantAudit = redundant,
            StateMismatches = mismatches,
        };
    }

    private static async Task<int> CountAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
