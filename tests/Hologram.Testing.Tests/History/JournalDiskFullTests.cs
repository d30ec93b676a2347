using Hologram.Testing.History;
using Hologram.Testing.History.Spool;
using Microsoft.Data.Sqlite;
using Hologram.Testing.Tests.Faults;
using static Hologram.Testing.Tests.History.HistoryTestData;

namespace Hologram.Testing.Tests.History;

/// <summary>The journal on a disk that fills up mid-run (a real tmpfs): it warns, keeps what it refused, and loses nothing.</summary>
public sealed class JournalDiskFullTests : IDisposable
{
    private const int Tests = 2_000;
    private readonly string elsewhere = Path.Combine(Path.GetTempPath(), "hologram-diskfull-" + Guid.NewGuid().ToString("N"));

    public JournalDiskFullTests() => Directory.CreateDirectory(elsewhere);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(elsewhere, recursive: true);
    }

    [TmpfsFact]
    public async Task A_full_disk_with_the_store_down_warns_keeps_every_record_and_writes_them_once_there_is_room()
    {
        using var disk = Tmpfs.Mount(Path.Combine(elsewhere, "disk"), 4096);
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "not-a-db"), "plain text");
        var options = OptionsOn(disk, "sqlite:" + Path.Combine(elsewhere, "not-a-db"));
        var filler = Fill(disk, leaveBytes: 64 * 1024);
        var warnings = new List<string>();

        var recorder = await HistoryRecorder.StartAsync(options, Run("run-full"), warnings.Add);
        Assert.Null(recorder.Store);
        for (var i = 0; i < Tests; i++)
        {
            recorder.Record(LongAttempt(i));
        }

        await recorder.FlushAsync();
        Assert.Contains(warnings, w => w.Contains("cannot be written (", StringComparison.Ordinal) && w.Contains("kept in memory", StringComparison.Ordinal));
        var journaledWhileFull = CountAttemptLines(recorder.JournalPath);
        Assert.InRange(journaledWhileFull, 1, Tests - 1);

        // Room again: the refused records are written, in order, before the run closes.
        File.Delete(filler);
        await recorder.DisposeAsync();
        Assert.DoesNotContain(warnings, w => w.Contains("not recorded", StringComparison.Ordinal));
        Assert.Equal(2, warnings.Count);

        await using var store = await HistoryStores.OpenAsync("sqlite:" + Path.Combine(elsewhere, "hologram.db"), elsewhere);
        var ingested = await SpoolIngestor.IngestAsync(store, Path.Combine(disk.Path, "reports", "spool"));
        Assert.Equal((1, Tests), (ingested.Runs, ingested.Attempts));
        var stored = await store.GetAttemptsAsync("run-full");
        Assert.Equal(Tests, stored.Count);
        Assert.Equal(Tests, stored.Select(a => a.TestId).Distinct().Count());
        Assert.NotNull(Assert.Single(await store.GetRunsAsync(5)).EndedAt);
    }

    [TmpfsFact]
    public async Task A_full_disk_with_the_store_up_warns_once_and_the_store_gets_everything()
    {
        using var disk = Tmpfs.Mount(Path.Combine(elsewhere, "disk"), 4096);
        var options = OptionsOn(disk, "sqlite:" + Path.Combine(elsewhere, "hologram.db"));
        Fill(disk, leaveBytes: 64 * 1024);
        var warnings = new List<string>();

        await using (var recorder = await HistoryRecorder.StartAsync(options, Run("run-up"), warnings.Add))
        {
            Assert.NotNull(recorder.Store);
            for (var i = 0; i < Tests; i++)
            {
                recorder.Record(LongAttempt(i, "run-up"));
            }
        }

        var warning = Assert.Single(warnings);
        Assert.Contains("history spool " + Path.Combine("reports", "spool", "run-up.jsonl") + " cannot be written (", warning, StringComparison.Ordinal);
        Assert.EndsWith("results still go to the store sqlite:" + Path.Combine(elsewhere, "hologram.db"), warning, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(disk.Path, "reports", "spool", "run-up.jsonl")));
        await using var store = await HistoryStores.OpenAsync("sqlite:" + Path.Combine(elsewhere, "hologram.db"), elsewhere);
        Assert.Equal(Tests, (await store.GetAttemptsAsync("run-up")).Count);
    }

    [TmpfsFact]
    public async Task A_disk_that_stays_full_with_the_store_down_says_how_many_records_are_lost()
    {
        using var disk = Tmpfs.Mount(Path.Combine(elsewhere, "disk"), 4096);
        await File.WriteAllTextAsync(Path.Combine(elsewhere, "not-a-db"), "plain text");
        var options = OptionsOn(disk, "sqlite:" + Path.Combine(elsewhere, "not-a-db"));
        Fill(disk, leaveBytes: 64 * 1024);
        var warnings = new List<string>();

        await using (var recorder = await HistoryRecorder.StartAsync(options, Run("run-lost"), warnings.Add))
        {
            for (var i = 0; i < Tests; i++)
            {
                recorder.Record(LongAttempt(i, "run-lost"));
            }
        }

        var journaled = CountAttemptLines(Path.Combine(disk.Path, "reports", "spool", "run-lost.jsonl"));
        var lost = Assert.Single(warnings, w => w.Contains("not recorded", StringComparison.Ordinal));
        var count = int.Parse(lost.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);

        // Every attempt is either in the journal or counted as lost (plus the run's end record).
        Assert.Equal(Tests + 1, journaled + count);
    }

    private static HologramOptions OptionsOn(Tmpfs disk, string store) => new()
    {
        RepositoryRoot = disk.Path,
        ReportsDir = Path.Combine(disk.Path, "reports"),
        Store = store,
    };

    /// <summary>Fills the disk with a file until a write fails, then frees <paramref name="leaveBytes"/>; returns the file.</summary>
    private static string Fill(Tmpfs disk, int leaveBytes)
    {
        var filler = Path.Combine(disk.Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        stream.SetLength(Math.Max(0, stream.Position - leaveBytes));
        return filler;
    }

    private static TestAttempt LongAttempt(int i, string runId = "run-full") => Attempt(runId, "Suite.Class" + (i % 40) + ".Method_" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture)) with
    {
        DisplayName = "Suite.Method(input: \"" + new string('x', 400) + "\", index: " + i + ")",
    };

    private static int CountAttemptLines(string journal) =>
        File.ReadAllText(journal).Split('\n', '\0').Count(l => l.StartsWith("{\"type\":\"attempt\"", StringComparison.Ordinal) && l.EndsWith('}'));
}
