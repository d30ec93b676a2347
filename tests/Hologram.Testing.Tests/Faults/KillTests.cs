using System.Globalization;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// kill -9 of the test host at random (seeded, printed) points: whatever a killed run reported as run is in the store
/// once the next run or <c>hologram flake ingest</c> has loaded its journal; nothing is recorded twice.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class KillTests(ITestOutputHelper output)
{
    [Fact]
    public Task Five_kills_then_the_next_run_loads_every_journal() => KillAsync(points: 5, tests: 200, delayMs: 5, ingest: false);

    [NoCiFact]
    [Trait("Category", "NoCi")]
    public Task Twenty_kills_of_a_large_suite_then_ingest() => KillAsync(points: 20, tests: 20_000, delayMs: 0, ingest: true);

    private async Task KillAsync(int points, int tests, int delayMs, bool ingest)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("HOLOGRAM_FAULT_SEED"), CultureInfo.InvariantCulture, out var s) ? s : Random.Shared.Next();
        var random = new Random(seed);
        var killPoints = Enumerable.Range(0, points).Select(_ => random.Next(1, tests)).ToArray();
        output.WriteLine($"seed {seed} (HOLOGRAM_FAULT_SEED={seed} repeats it); kill points: {string.Join(", ", killPoints)} of {tests} tests");

        using var repository = new FaultRepository();
        var killed = new List<SuiteResult>();
        foreach (var point in killPoints)
        {
            var run = await repository.RunSuiteAsync(tests, delayMs: delayMs, killAfter: point);
            Assert.True(run.Killed, $"the run ended before it reported {point} tests: {run.Error}");
            Assert.NotNull(run.RunId);
            killed.Add(run);
        }

        var loader = "next run";
        if (ingest)
        {
            var (code, stdout, stderr) = await repository.HologramAsync("flake", "ingest");
            Assert.True(code == 0, $"flake ingest exited {code}: {stdout} {stderr}");
            output.WriteLine(stdout.Trim());
            loader = "flake ingest + next run";
        }

        var last = await repository.RunSuiteAsync(tests, delayMs: 0);
        last.AssertCompleted();

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        foreach (var run in killed)
        {
            var recorded = ledger.AttemptsOf(run.RunId);
            output.WriteLine($"killed after 'ran {run.Ran}': {run.AttemptsReported} attempts reported, {recorded} recorded");
            Assert.InRange(recorded, run.AttemptsReported, run.AttemptsPossible);
        }

        Assert.Equal(last.AttemptsReported, ledger.AttemptsOf(last.RunId));
        Assert.Equal(points + 1, ledger.Runs);
        Assert.Equal(0, ledger.Duplicates(points + 1));
        // The killed runs have no end (crashed, never "passed"), except one the kill reached only after its last test
        // (on a loaded machine the kill lags behind the child's progress lines).
        Assert.InRange(ledger.EndedRuns, 1, 1 + killed.Count(r => r.Ran == tests));
        Assert.Empty(repository.SpoolFiles);
        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow(
            $"kill -9 × {points} at random points (seed {seed}), {tests} tests; {loader} loads",
            points + 1,
            $"≥ {killed.Sum(r => r.AttemptsReported) + last.AttemptsReported} (≤ {killed.Sum(r => r.AttemptsPossible) + last.AttemptsReported})",
            ledger.Attempts,
            ledger.Duplicates(points + 1),
            FaultTable.Audit(ledger)));
    }
}
