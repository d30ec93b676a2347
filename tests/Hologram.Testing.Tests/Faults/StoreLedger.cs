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

        return new StoreLedger(
            byRun,
            await CountAsync(connection, "SELECT COUNT(*) FROM attempts"),
            await CountAsync(connection, "SELECT COUNT(*) FROM (SELECT DISTINCT run_id, test_id, attempt FROM attempts) d"),
            await CountAsync(connection, "SELECT COUNT(*) FROM runs"),
            await CountAsync(connection, "SELECT COUNT(*) FROM runs WHERE ended_at IS NOT NULL"),
            await CountAsync(connection, "SELECT COUNT(*) FROM quarantine"),
            await CountAsync(connection, "SELECT COUNT(*) FROM audit WHERE action = 'quarantined'"),
            await CountAsync(connection, "SELECT COUNT(*) FROM audit WHERE action = 'released'"));
    }

    private static async Task<int> CountAsync(DbConnection connection, string sql)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt32(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
