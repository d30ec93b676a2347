using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// Poison spool records (an attempt without test id, bad JSON, binary, a line cut short) never block anything: every
/// valid record is loaded, each invalid one is set aside in <c>spool/rejected/</c> with its reason, and ingest says so.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed partial class PoisonSpoolTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Poison_lines_are_set_aside_and_everything_valid_loads_by_ingest_and_by_the_next_run()
    {
        using var repository = new FaultRepository();
        var storeSetting = repository.Store;

        // Two runs while the store is unavailable (its directory is a file): both spool everything.
        var blocker = Path.Combine(repository.Root, "blocker");
        File.WriteAllText(blocker, "not a directory");
        repository.Store = "sqlite:" + Path.Combine(blocker, "hologram.db");
        var first = await repository.RunSuiteAsync(100);
        var second = await repository.RunSuiteAsync(100);
        first.AssertCompleted();
        second.AssertCompleted();
        Assert.Contains("spool", first.Error, StringComparison.Ordinal);
        Assert.Equal(2, repository.SpoolFiles.Length);

        var firstJournal = Path.Combine(repository.SpoolDir, first.RunId + ".jsonl");
        var secondJournal = Path.Combine(repository.SpoolDir, second.RunId + ".jsonl");
        Poison(firstJournal);
        Poison(secondJournal);

        // The first journal is loaded by `hologram flake ingest` from a directory of its own…
        repository.Store = storeSetting;
        var ingestDir = Path.Combine(repository.Root, "to-ingest");
        Directory.CreateDirectory(ingestDir);
        File.Move(firstJournal, Path.Combine(ingestDir, Path.GetFileName(firstJournal)));
        var (code, stdout, stderr) = await repository.HologramAsync("flake", "ingest", "--spool-dir", ingestDir);
        output.WriteLine(stdout + stderr);
        Assert.Equal(0, code);
        Assert.Contains("set aside 1 invalid record and 3 unreadable lines", stderr, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(ingestDir, "rejected"), stderr, StringComparison.Ordinal);
        AssertSetAside(Path.Combine(ingestDir, "rejected", Path.GetFileName(firstJournal)));
        Assert.Empty(Directory.GetFiles(ingestDir, "*.jsonl"));

        // …the second by the next run, which opens the store.
        var next = await repository.RunSuiteAsync(20);
        next.AssertCompleted();
        AssertSetAside(Path.Combine(repository.SpoolDir, "rejected", Path.GetFileName(secondJournal)));
        Assert.Empty(repository.SpoolFiles);

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        Assert.Equal(first.AttemptsReported, ledger.AttemptsOf(first.RunId));
        Assert.Equal(second.AttemptsReported, ledger.AttemptsOf(second.RunId));
        Assert.Equal(next.AttemptsReported, ledger.AttemptsOf(next.RunId));
        Assert.Equal(0, ledger.Duplicates(3));
        Assert.Equal(3, ledger.EndedRuns);
        FaultTable.AssertAudit(ledger);
        var expected = first.AttemptsReported + second.AttemptsReported + next.AttemptsReported;
        FaultTable.Print(output, new FaultRow("poison spool records (4 per file: null testId, bad JSON, binary, cut line); ingest + next run", 3, $"{expected} (+ 8 set aside)", ledger.Attempts, ledger.Duplicates(3), FaultTable.Audit(ledger)));
    }

    private static void Poison(string journal)
    {
        var lines = File.ReadAllLines(journal).ToList();
        var attempt = lines.First(l => l.Contains("\"type\":\"attempt\"", StringComparison.Ordinal));
        var binary = new byte[64];
        new Random(16).NextBytes(binary);
        var poison = new[]
        {
            TestIdValue().Replace(attempt, "\"testId\":null", 1),
            "{\"type\":\"attempt\",\"attempt\":{\"runId\":",
            Encoding.Latin1.GetString(binary.Select(b => b is (byte)'\n' or (byte)'\r' ? (byte)'x' : b).ToArray()),
            attempt[..(attempt.Length / 2)],
        };
        Assert.NotEqual(attempt, poison[0]);
        lines.InsertRange(lines.Count / 2, poison);
        File.WriteAllBytes(journal, Encoding.Latin1.GetBytes(string.Join('\n', lines) + "\n"));
    }

    private static void AssertSetAside(string rejected)
    {
        Assert.True(File.Exists(rejected), $"no side file {rejected}");
        var lines = File.ReadAllLines(rejected);
        Assert.Equal(4, lines.Length);
        Assert.All(lines, l => Assert.Contains("\"reason\"", l, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("testId", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("\"testId\":\"[^\"]*\"")]
    private static partial Regex TestIdValue();
}
