using System.Security.Cryptography;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// A corrupt SQLite store (cut short, bad header, damaged pages in the middle): a run does not write into it (its bytes
/// stay the same), warns once, spools every attempt; <c>hologram doctor</c> reports it and exits 1.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class CorruptStoreTests(ITestOutputHelper output)
{
    public enum Damage
    {
        Truncated,
        BadHeader,
        BadMiddlePages,
    }

    [Theory]
    [InlineData(Damage.Truncated)]
    [InlineData(Damage.BadHeader)]
    [InlineData(Damage.BadMiddlePages)]
    public async Task A_run_never_writes_into_a_corrupt_store_and_doctor_reports_it(Damage damage)
    {
        using var repository = new FaultRepository();
        (await repository.RunSuiteAsync(400)).AssertCompleted();
        var file = repository.SqlitePath;
        Assert.False(File.Exists(file + "-wal") && new FileInfo(file + "-wal").Length > 0, "the store checkpoints its log when a run ends");
        File.WriteAllBytes(file, Corrupt(File.ReadAllBytes(file), damage));
        var before = SHA256.HashData(File.ReadAllBytes(file));

        var run = await repository.RunSuiteAsync(50);
        run.AssertCompleted();

        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));
        var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(warnings);
        Assert.Contains(file, warnings[0], StringComparison.Ordinal);
        Assert.Contains("spool", warnings[0], StringComparison.Ordinal);
        var journal = Assert.Single(repository.SpoolFiles);
        Assert.Contains(run.RunId!, journal, StringComparison.Ordinal);
        var spooled = File.ReadLines(journal).Count(l => l.Contains("\"type\":\"attempt\"", StringComparison.Ordinal));
        Assert.Equal(run.AttemptsReported, spooled);

        var (code, stdout, stderr) = await repository.HologramAsync("doctor");
        output.WriteLine(stdout + stderr);
        Assert.Equal(1, code);
        Assert.Contains(file, stdout + stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(file)));

        FaultTable.Print(output, new FaultRow($"corrupt SQLite store ({damage}): file unchanged, run spooled, doctor exit 1", 1, $"{run.AttemptsReported} (to the spool)", spooled, 0, "n/a"));
    }

    private static byte[] Corrupt(byte[] bytes, Damage damage)
    {
        const int PageSize = 4096;
        var pages = bytes.Length / PageSize;
        Assert.True(pages >= 8, $"the store is too small to damage meaningfully: {pages} pages");
        var random = new Random(16);
        switch (damage)
        {
            case Damage.Truncated:
                return bytes[..(bytes.Length / 2 + 100)];
            case Damage.BadHeader:
                random.NextBytes(bytes.AsSpan(0, 100));
                return bytes;
            default:
                // Pages of the attempts table and its indexes in the middle of the file; the header stays intact.
                random.NextBytes(bytes.AsSpan(pages / 3 * PageSize, (pages / 2 - pages / 3 + 1) * PageSize));
                return bytes;
        }
    }
}
