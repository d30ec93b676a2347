using Hologram.Testing.History;
using Microsoft.Data.Sqlite;

namespace Hologram.Testing.Tests.History;

/// <summary>The history store contract on SQLite, plus what only a file can get wrong.</summary>
public sealed class SqliteHistoryStoreTests : HistoryStoreContractTests
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "hologram-store-" + Guid.NewGuid().ToString("N"));

    private string DbPath => Path.Combine(directory, "nested", "hologram.db");

    protected override Task<string> CreateStoreStringAsync() => Task.FromResult("sqlite:" + DbPath);

    protected override Task<string> StoreStringForReopenAsync() => CreateStoreStringAsync();

    protected override Task CleanUpAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }

        return Task.CompletedTask;
    }

    [Fact]
    public override Task InitializeAsync() => base.InitializeAsync();

    [Fact]
    public override Task Runs_and_attempts_round_trip() => base.Runs_and_attempts_round_trip();

    [Fact]
    public override Task Run_totals_aggregate_final_outcomes_per_run_newest_first() => base.Run_totals_aggregate_final_outcomes_per_run_newest_first();

    [Fact]
    public override Task Begin_run_twice_keeps_the_end_time() => base.Begin_run_twice_keeps_the_end_time();

    [Fact]
    public override Task Appends_are_idempotent() => base.Appends_are_idempotent();

    [Fact]
    public override Task Quarantine_release_and_audit() => base.Quarantine_release_and_audit();

    [Fact]
    public override Task Quarantine_decisions_are_idempotent_across_concurrent_writers() => base.Quarantine_decisions_are_idempotent_across_concurrent_writers();

    [Fact]
    public override Task Consecutive_passes_count_from_the_latest_failure() => base.Consecutive_passes_count_from_the_latest_failure();

    [Fact]
    public override Task Durations_are_the_mean_of_final_passed_or_failed_attempts_in_the_window() => base.Durations_are_the_mean_of_final_passed_or_failed_attempts_in_the_window();

    [Fact]
    public override Task Cross_run_flakes_are_found_on_the_same_commit_only() => base.Cross_run_flakes_are_found_on_the_same_commit_only();

    [Fact]
    public override Task Summaries_count_final_outcomes_flakes_and_quarantine() => base.Summaries_count_final_outcomes_flakes_and_quarantine();

    [Fact]
    public override Task Reopening_keeps_the_data_and_the_schema() => base.Reopening_keeps_the_data_and_the_schema();

    [Fact]
    public async Task Creates_the_directory_and_uses_wal()
    {
        Assert.True(File.Exists(DbPath));
        Assert.Equal("sqlite:" + DbPath, Store.Description);
        await using var c = new SqliteConnection("Data Source=" + DbPath);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await cmd.ExecuteScalarAsync());
        cmd.CommandText = "SELECT version FROM schema_version";
        Assert.Equal(1L, (long?)await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Relative_path_resolves_against_the_repository_root()
    {
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/x.db", directory);
        Assert.Equal("sqlite:" + Path.Combine(directory, "reports", "x.db"), store.Description);
        Assert.True(File.Exists(Path.Combine(directory, "reports", "x.db")));
    }

    [Fact]
    public async Task A_file_that_is_not_sqlite_is_refused_and_left_alone()
    {
        var path = Path.Combine(directory, "notes.db");
        await File.WriteAllTextAsync(path, "these are my notes, not a database\n");
        var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal("these are my notes, not a database\n", await File.ReadAllTextAsync(path));
    }

    [Fact]
    public async Task A_corrupt_sqlite_file_is_refused()
    {
        var path = Path.Combine(directory, "corrupt.db");
        await using (var store = await HistoryStores.OpenAsync("sqlite:" + path, directory))
        {
            await store.BeginRunAsync(HistoryTestData.Run("r"));
        }

        SqliteConnection.ClearAllPools();
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        var bytes = await File.ReadAllBytesAsync(path);
        for (var i = 100; i < bytes.Length; i++)
        {
            bytes[i] = 0xA5;
        }

        await File.WriteAllBytesAsync(path, bytes);
        var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task A_sqlite_database_of_something_else_is_refused_and_left_alone()
    {
        var path = Path.Combine(directory, "app.db");
        await using (var c = new SqliteConnection("Data Source=" + path))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('x');";
            await cmd.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Contains("customers", ex.Message, StringComparison.Ordinal);

        await using var check = new SqliteConnection("Data Source=" + path);
        await check.OpenAsync();
        await using var count = check.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM customers";
        Assert.Equal(1L, (long?)await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_newer_schema_is_refused()
    {
        await using (var c = new SqliteConnection("Data Source=" + DbPath))
        {
            await c.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)";
            await cmd.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + DbPath, directory));
        Assert.Contains("schema version 99", ex.Message, StringComparison.Ordinal);
    }
}
