using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// The store goes away mid-run and comes back: SQLite locked by another process, SQLite on a read-only file system,
/// PostgreSQL stopped and restarted. The run carries on, its results go to the spool (or wait for the lock), and they
/// reach the store on the next run or <c>hologram flake ingest</c>, each once.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class StoreOutageTests(ITestOutputHelper output)
{
    [Fact]
    public Task Sqlite_locked_by_another_process_across_the_end_of_a_run_waits_for_the_lock() => LockedAsync(TimeSpan.FromSeconds(4), expectSpool: false);

    [NoCiFact]
    [Trait("Category", "NoCi")]
    public Task Sqlite_locked_longer_than_the_busy_timeout_spools_and_the_next_run_loads_it() => LockedAsync(TimeSpan.FromSeconds(40), expectSpool: true);

    [TmpfsFact]
    public async Task Sqlite_on_a_read_only_file_system_spools_and_ingest_loads_it_when_writable_again()
    {
        using var repository = new FaultRepository();
        using var disk = Tmpfs.Mount(Path.Combine(repository.Root, "store"), 16384);
        repository.Store = "sqlite:" + Path.Combine(disk.Path, "hologram.db");
        var before = await repository.RunSuiteAsync(100);
        before.AssertCompleted();

        disk.Remount("ro");
        var readOnly = await repository.RunSuiteAsync(300);
        readOnly.AssertCompleted();
        Assert.Contains("spool", readOnly.Error, StringComparison.Ordinal);
        Assert.Single(repository.SpoolFiles);

        disk.Remount("rw");
        var (code, stdout, stderr) = await repository.HologramAsync("flake", "ingest");
        Assert.True(code == 0, stdout + stderr);
        Assert.Empty(repository.SpoolFiles);

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        Assert.Equal(before.AttemptsReported, ledger.AttemptsOf(before.RunId));
        Assert.Equal(readOnly.AttemptsReported, ledger.AttemptsOf(readOnly.RunId));
        Assert.Equal(0, ledger.Duplicates(2));
        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow("SQLite store read-only (ro mount) for a run, then writable: flake ingest loads", 2, (before.AttemptsReported + readOnly.AttemptsReported).ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.Attempts, ledger.Duplicates(2), FaultTable.Audit(ledger)));
    }

    [PostgresOutageFact]
    public async Task Postgres_stopped_mid_run_spools_and_ingest_loads_it_after_the_restart()
    {
        await using var server = await PrivatePostgres.StartAsync();
        using var repository = new FaultRepository(server.ConnectionString);

        // Down from the middle of the run to after its end: the end-of-run write fails, the journal keeps everything.
        var down = await repository.RunSuiteAsync(300, delayMs: 3, onRan: ran =>
        {
            if (ran == 100)
            {
                server.Stop();
            }

            return Task.CompletedTask;
        });
        down.AssertCompleted();
        Assert.Contains("spool", down.Error, StringComparison.Ordinal);
        await server.StartServerAsync();

        // Stopped and restarted while the run goes on: the pool's connections are dead, the store must cope or spool.
        var bounce = await repository.RunSuiteAsync(300, delayMs: 3, onRan: async ran =>
        {
            if (ran == 100)
            {
                server.Stop();
            }
            else if (ran == 150)
            {
                await server.StartServerAsync();
            }
        });
        bounce.AssertCompleted();

        var (code, stdout, stderr) = await repository.HologramAsync("flake", "ingest");
        output.WriteLine(down.Error + "\n" + bounce.Error + "\n" + stdout + stderr);
        Assert.True(code == 0, stdout + stderr);
        Assert.Empty(repository.SpoolFiles);

        var ledger = await StoreLedger.ReadAsync(server.ConnectionString);
        Assert.Equal(down.AttemptsReported, ledger.AttemptsOf(down.RunId));
        Assert.Equal(bounce.AttemptsReported, ledger.AttemptsOf(bounce.RunId));
        Assert.Equal(2, ledger.Runs);
        Assert.Equal(0, ledger.Duplicates(2));
        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow("PostgreSQL stopped mid-run (down at the end; down and back mid-run), restarted: flake ingest loads", 2, (down.AttemptsReported + bounce.AttemptsReported).ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.Attempts, ledger.Duplicates(2), FaultTable.Audit(ledger)));
    }

    private async Task LockedAsync(TimeSpan hold, bool expectSpool)
    {
        using var repository = new FaultRepository();
        var first = await repository.RunSuiteAsync(10);
        first.AssertCompleted();
        Task? released = null;
        var locked = await repository.RunSuiteAsync(300, delayMs: 3, onRan: async ran =>
        {
            if (ran == 100)
            {
                // Another process (this test host) takes the write lock and keeps it past the end of the run.
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = repository.SqlitePath, Pooling = false }.ToString());
                await connection.OpenAsync();
                using (var begin = connection.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE";
                    await begin.ExecuteNonQueryAsync();
                }

                released = Task.Run(async () =>
                {
                    await Task.Delay(hold);
                    await connection.DisposeAsync();
                });
            }
        }, timeout: TimeSpan.FromMinutes(3));
        locked.AssertCompleted();
        await released!;
        Assert.Equal(expectSpool, locked.Error.Contains("spool", StringComparison.Ordinal));
        Assert.Equal(expectSpool, repository.SpoolFiles.Length == 1);

        var next = await repository.RunSuiteAsync(10);
        next.AssertCompleted();
        Assert.Empty(repository.SpoolFiles);
        var ledger = await StoreLedger.ReadAsync(repository.Store);
        Assert.Equal(first.AttemptsReported, ledger.AttemptsOf(first.RunId));
        Assert.Equal(locked.AttemptsReported, ledger.AttemptsOf(locked.RunId));
        Assert.Equal(next.AttemptsReported, ledger.AttemptsOf(next.RunId));
        Assert.Equal(3, ledger.Runs);
        Assert.Equal(0, ledger.Duplicates(3));
        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow($"SQLite locked (BEGIN EXCLUSIVE by another process) {hold.TotalSeconds:0} s across the run's end{(expectSpool ? ": spooled, next run loads" : ": the run waits")}", 3, (first.AttemptsReported + locked.AttemptsReported + next.AttemptsReported).ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.Attempts, ledger.Duplicates(3), FaultTable.Audit(ledger)));
    }
}
