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
    public override Task Perf_records_round_trip_once_and_filter_by_time_branch_and_name() => base.Perf_records_round_trip_once_and_filter_by_time_branch_and_name();

    [Fact]
    public override Task A_version_1_store_is_migrated_in_place_keeping_its_rows() => base.A_version_1_store_is_migrated_in_place_keeping_its_rows();

    [Fact]
    public override Task A_test_keeps_each_attempt_s_own_display_and_class_name() => base.A_test_keeps_each_attempt_s_own_display_and_class_name();

    protected override async Task ExecuteRawAsync(params string[] statements)
    {
        await using var c = new SqliteConnection("Data Source=" + DbPath + ";Pooling=False");
        await c.OpenAsync();
        foreach (var statement in statements)
        {
            await using var cmd = c.CreateCommand();
            cmd.CommandText = statement;
            await cmd.ExecuteNonQueryAsync();
        }
    }

    protected override async Task<int[]> SchemaVersionsAsync()
    {
        await using var c = new SqliteConnection("Data Source=" + DbPath + ";Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT version FROM schema_version ORDER BY version";
        await using var reader = await cmd.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return [.. versions];
    }

    [Fact]
    public override Task Re_delivered_attempts_are_not_collisions() => base.Re_delivered_attempts_are_not_collisions();

    [Fact]
    public override Task Different_results_under_one_key_are_reported_as_collisions() => base.Different_results_under_one_key_are_reported_as_collisions();

    [Fact]
    public override Task Quarantine_release_and_audit() => base.Quarantine_release_and_audit();

    [Fact]
    public override Task Quarantine_decisions_are_idempotent_across_concurrent_writers() => base.Quarantine_decisions_are_idempotent_across_concurrent_writers();

    [Fact]
    public override Task Consecutive_passes_count_first_attempt_passes_from_the_latest_failed_attempt() => base.Consecutive_passes_count_first_attempt_passes_from_the_latest_failed_attempt();

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

    public enum Damage
    {
        MiddlePages,
        Truncated,
        Header,
    }

    [Theory]
    [InlineData(Damage.MiddlePages)]
    [InlineData(Damage.Truncated)]
    [InlineData(Damage.Header)]
    public async Task A_damaged_store_is_refused_at_open_never_written_to_and_the_run_is_spooled(Damage damage)
    {
        var root = Path.Combine(directory, "repo");
        var path = Path.Combine(root, "reports", "hologram.db");
        await CreateFilledStoreAsync(path, attempts: 3000);
        Corrupt(path, damage);
        var before = await File.ReadAllBytesAsync(path);

        var opened = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, root));
        Assert.Contains(path, opened.Message, StringComparison.Ordinal);
        Assert.Contains(damage == Damage.Header ? "is not a SQLite database" : "is corrupt", opened.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', opened.Message);

        // A test run against it: one warning line, every attempt in the spool, the file byte for byte as it was.
        var warnings = new List<string>();
        var options = new HologramOptions { RepositoryRoot = root, ReportsDir = Path.Combine(root, "reports"), Store = "sqlite:reports/hologram.db" };
        await using (var recorder = await HistoryRecorder.StartAsync(options, HistoryTestData.Run("after-damage"), warnings.Add))
        {
            Assert.Null(recorder.Store);
            for (var i = 0; i < 50; i++)
            {
                recorder.Record(HistoryTestData.Attempt("after-damage", "T." + i));
            }
        }

        SqliteConnection.ClearAllPools();
        var warning = Assert.Single(warnings);
        Assert.Contains("unavailable", warning, StringComparison.Ordinal);
        Assert.Contains("results spooled to", warning, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0);
        var spooled = File.ReadAllLines(Path.Combine(root, "reports", "spool", "after-damage.jsonl"));
        Assert.Equal(50, spooled.Count(l => l.StartsWith("{\"type\":\"attempt\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_file_as_its_last_clean_close_left_it_is_not_read_through_at_open_but_doctor_reads_it()
    {
        var path = Path.Combine(directory, "stamped", "hologram.db");
        await CreateFilledStoreAsync(path, attempts: 3000);
        var stamp = path + ".checked";
        Assert.True(File.Exists(stamp), "a clean close notes the file as it left it");
        var closed = File.GetLastWriteTimeUtc(path);

        // Damage that keeps the length and the write time: only reading every page finds it.
        Corrupt(path, Damage.MiddlePages);
        File.SetLastWriteTimeUtc(path, closed);
        await using (await HistoryStores.OpenAsync("sqlite:" + path, directory))
        {
        }

        SqliteConnection.ClearAllPools();
        var checkedOpen = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory, alwaysCheck: true, default));
        Assert.Contains("is corrupt", checkedOpen.Message, StringComparison.Ordinal);

        // Any later write time (another tool, a copy, a partial restore) reads it through at open again.
        File.SetLastWriteTimeUtc(path, closed.AddSeconds(1));
        var opened = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory));
        Assert.Contains("is corrupt", opened.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stamp_that_does_not_match_the_file_or_cannot_be_read_means_a_full_check()
    {
        var path = Path.Combine(directory, "restamped", "hologram.db");
        await CreateFilledStoreAsync(path, attempts: 3000);
        var closed = File.GetLastWriteTimeUtc(path);
        Corrupt(path, Damage.MiddlePages);
        File.SetLastWriteTimeUtc(path, closed);
        foreach (var stamp in new[] { "hologram-store-check 1\n1 2\n", "garbage", string.Empty })
        {
            await File.WriteAllTextAsync(path + ".checked", stamp);
            var opened = await Assert.ThrowsAsync<HistoryStoreException>(() => HistoryStores.OpenAsync("sqlite:" + path, directory));
            Assert.Contains("is corrupt", opened.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task After_a_run_the_db_file_alone_holds_every_attempt()
    {
        var root = Path.Combine(directory, "repo");
        var options = new HologramOptions { RepositoryRoot = root, ReportsDir = Path.Combine(root, "reports"), Store = "sqlite:reports/hologram.db" };
        var path = Path.Combine(root, "reports", "hologram.db");
        for (var run = 0; run < 2; run++)
        {
            await using var recorder = await HistoryRecorder.StartAsync(options, HistoryTestData.Run("run-" + run));
            for (var i = 0; i < 1200; i++)
            {
                recorder.Record(HistoryTestData.Attempt("run-" + run, "T." + i));
            }
        }

        // What a CI cache of reports/hologram.db alone restores: no -wal, no -shm, no spool.
        Assert.True(!File.Exists(path + "-wal") || new FileInfo(path + "-wal").Length == 0, "the WAL is checkpointed and truncated at run end");
        var cached = Path.Combine(directory, "restored", "hologram.db");
        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
        File.Copy(path, cached);
        await using var restored = await HistoryStores.OpenAsync("sqlite:" + cached, directory);
        Assert.Equal(1200, (await restored.GetAttemptsAsync("run-0")).Count);
        Assert.Equal(1200, (await restored.GetAttemptsAsync("run-1")).Count);
        Assert.All(await restored.GetRunsAsync(5), r => Assert.NotNull(r.EndedAt));
    }

    private static async Task CreateFilledStoreAsync(string path, int attempts)
    {
        await using (var store = await HistoryStores.OpenAsync("sqlite:" + path, Path.GetDirectoryName(path)!))
        {
            await store.BeginRunAsync(HistoryTestData.Run("filled"));
            await store.AppendAttemptsAsync(Enumerable.Range(0, attempts).Select(i => HistoryTestData.Attempt("filled", "T.Filled." + i) with { ErrorMessage = new string('x', 40) }).ToArray());
        }

        SqliteConnection.ClearAllPools();
        Assert.True(!File.Exists(path + "-wal") || new FileInfo(path + "-wal").Length == 0);
    }

    private static void Corrupt(string path, Damage damage)
    {
        var bytes = File.ReadAllBytes(path);
        const int Page = 4096;
        Assert.True(bytes.Length >= 20 * Page, $"the store has {bytes.Length / Page} pages");
        var random = new Random(16);
        switch (damage)
        {
            case Damage.MiddlePages:
                // Random bytes over a few pages in the middle: header and schema intact, b-tree pages broken.
                foreach (var page in new[] { bytes.Length / Page / 2, bytes.Length / Page / 2 + 3, bytes.Length / Page / 3 })
                {
                    random.NextBytes(bytes.AsSpan(page * Page, Page));
                }

                File.WriteAllBytes(path, bytes);
                break;
            case Damage.Truncated:
                File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 2 / Page * Page).ToArray());
                break;
            case Damage.Header:
                random.NextBytes(bytes.AsSpan(0, 100));
                File.WriteAllBytes(path, bytes);
                break;
        }
    }
}
