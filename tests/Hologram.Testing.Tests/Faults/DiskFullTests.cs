using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// Disk full (a small tmpfs): for the store, the run spools and the next run loads everything once there is room; for
/// the journal, the store still gets every attempt and the run says the journal stopped.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DiskFullTests(ITestOutputHelper output)
{
    [TmpfsFact]
    public async Task Store_disk_full_spools_and_the_next_run_loads_it_once_there_is_room()
    {
        using var repository = new FaultRepository();
        using var disk = Tmpfs.Mount(Path.Combine(repository.Root, "store"), 192);
        repository.Store = "sqlite:" + Path.Combine(disk.Path, "hologram.db");

        var full = await repository.RunSuiteAsync(3000);
        full.AssertCompleted();
        Assert.Contains("spool", full.Error, StringComparison.Ordinal);
        Assert.Single(repository.SpoolFiles);

        disk.Remount("size=65536k");
        var next = await repository.RunSuiteAsync(20);
        next.AssertCompleted();
        Assert.Empty(repository.SpoolFiles);

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        Assert.Equal(full.AttemptsReported, ledger.AttemptsOf(full.RunId));
        Assert.Equal(next.AttemptsReported, ledger.AttemptsOf(next.RunId));
        Assert.Equal(0, ledger.Duplicates(2));
        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow("store disk full (192 KB tmpfs), then room: next run loads the spool", 2, (full.AttemptsReported + next.AttemptsReported).ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.Attempts, ledger.Duplicates(2), FaultTable.Audit(ledger)));
    }

    // The journal stops while the store still works (issue 16, item 12): every attempt reaches the store, and the run
    // says that its crash protection stopped, so nobody relies on a journal that is not there.
    [TmpfsFact]
    public async Task Journal_disk_full_keeps_recording_to_the_store_and_warns()
    {
        using var repository = new FaultRepository();
        repository.Store = "sqlite:" + Path.Combine(repository.Root, "store", "hologram.db");
        using var disk = Tmpfs.Mount(Path.Combine(repository.Root, "reports"), 64);

        var run = await repository.RunSuiteAsync(2000);
        run.AssertCompleted();

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        FaultTable.Print(output, new FaultRow("journal disk full (64 KB tmpfs), store on another disk", 1, run.AttemptsReported.ToString(System.Globalization.CultureInfo.InvariantCulture), ledger.AttemptsOf(run.RunId), ledger.Duplicates(1), FaultTable.Audit(ledger)));
        Assert.Equal(run.AttemptsReported, ledger.AttemptsOf(run.RunId));
        Assert.Equal(0, ledger.Duplicates(1));

        // The run must say that its crash protection stopped (issue 16, item 12).
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(warnings);
        Assert.Contains("spool", warnings[0], StringComparison.Ordinal);
    }
}
