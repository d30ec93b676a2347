using System.Diagnostics;
using System.Globalization;
using Hologram.Testing.History;
using Hologram.Testing.History.Storage;

// Usage: dotnet run -c Release --project bench/store-copy -- <target store> [runs] [attempts per run]
//   target  e.g. "$HOLOGRAM_TEST_POSTGRES" (after `source .ci/postgres.sh`) or sqlite:/tmp/copy.db; it should be empty
//   runs x attempts per run default 1,000 x 1,000 = 1,000,000 attempts (each run: 950 tests passing at once, 25 flaky
//   tests failing and then passing, a flake event each), plus 20 quarantine entries and their audit trail.
// Fills a fresh SQLite store, copies it into the target with the code `hologram store copy` runs (StoreCopy), prints the
// time, the throughput and the row counts of both stores per table, then copies again (nothing to write) and times that.
if (args.Length < 1)
{
    Console.Error.WriteLine("usage: StoreCopyBench <target store> [runs] [attempts per run]");
    return 2;
}

var targetSetting = args[0];
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
var perRun = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1_000;
const int Flaky = 25;
var sourceFile = Path.Combine(Path.GetTempPath(), $"hologram-copy-bench-{Guid.NewGuid():N}.db");
var root = Directory.GetCurrentDirectory();

try
{
    var fill = Stopwatch.StartNew();
    await using (var source = await HistoryStores.OpenAsync("sqlite:" + sourceFile, root))
    {
        var t0 = DateTimeOffset.UtcNow.AddDays(-runs / 10.0);
        for (var r = 0; r < runs; r++)
        {
            var runId = $"bench-{r:D5}";
            var started = t0.AddMinutes(r * 14.4);
            await source.BeginRunAsync(new RunInfo
            {
                RunId = runId, Profile = "main", Host = $"ci-{r % 8}", Framework = "xunit2", Assembly = "Bench.Tests", StartedAt = started,
                EndedAt = started.AddMinutes(4), Commit = $"c{r / 2:D5}", Branch = r % 3 == 0 ? "feature/x" : "main", BuildId = $"b{r}",
            });
            var attempts = new List<TestAttempt>(perRun);
            for (var t = 0; attempts.Count < perRun; t++)
            {
                var id = $"Bench.Tests.Area{t / 100:D2}.Class{t / 10:D3}.Test{t:D4}(size: {t % 7})";
                if (t < Flaky)
                {
                    attempts.Add(Attempt(runId, id, 1, TestOutcome.Failed, false, started, t));
                }

                attempts.Add(Attempt(runId, id, t < Flaky ? 2 : 1, TestOutcome.Passed, true, started, t));
            }

            await source.AppendAttemptsAsync(attempts);
            await source.AddFlakesAsync(attempts.Where(a => a.Attempt == 2)
                .Select(a => new FlakeEvent { TestId = a.TestId, RunId = runId, Kind = FlakeKind.PassedOnRetry, DetectedAt = a.FinishedAt, Commit = $"c{r / 2:D5}" }).ToList());
        }

        for (var q = 0; q < 20; q++)
        {
            await source.QuarantineAsync(new QuarantineEntry { TestId = $"Bench.Tests.Area00.Class00{q / 10}.Test{q:D4}(size: {q % 7})", Since = t0.AddDays(1), Reason = "2 flakes in 7 days", By = "policy" });
        }
    }

    Console.WriteLine($"filled {sourceFile}: {runs:N0} runs x {perRun:N0} = {(long)runs * perRun:N0} attempts in {fill.Elapsed.TotalSeconds:F1} s ({new FileInfo(sourceFile).Length / 1_048_576.0:F0} MB)");

    await using var from = await HistoryStores.OpenAsync("sqlite:" + sourceFile, root);
    await using var to = await HistoryStores.OpenAsync(targetSetting, root);
    var before = GC.GetTotalAllocatedBytes();
    var clock = Stopwatch.StartNew();
    var first = await StoreCopy.CopyAsync(from, to, null, CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"copy {from.Description} -> {to.Description}: {seconds:F1} s, {first.Attempts / seconds:N0} attempts/s; {first.RunsCopied:N0} runs written, {first.RunsSkipped:N0} skipped, {first.Collisions} collisions; allocated {(GC.GetTotalAllocatedBytes() - before) / 1_048_576.0:N0} MB, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1_048_576.0:N0} MB"));

    var a = await ((SqlHistoryStore)from).GetStatsAsync();
    var b = await ((SqlHistoryStore)to).GetStatsAsync();
    var equal = true;
    foreach (var (table, rows) in a.Tables)
    {
        var there = b.Rows(table);
        equal &= there == rows;
        Console.WriteLine($"  {table,-11} source {rows,12:N0}  target {there,12:N0}  {(there == rows ? "equal" : "DIFFERENT")}");
    }

    clock.Restart();
    var again = await StoreCopy.CopyAsync(from, to, null, CancellationToken.None);
    Console.WriteLine($"copy again (nothing new): {clock.Elapsed.TotalSeconds:F1} s; {again.RunsCopied:N0} runs written, {again.RunsSkipped:N0} skipped");
    Console.WriteLine(equal ? "row counts: equal" : "row counts: DIFFERENT");
    return equal ? 0 : 1;
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
    {
        File.Delete(sourceFile + suffix);
    }
}

static TestAttempt Attempt(string runId, string testId, int attempt, TestOutcome outcome, bool isFinal, DateTimeOffset started, int t) => new()
{
    RunId = runId,
    TestId = testId,
    Attempt = attempt,
    DisplayName = testId,
    ClassName = testId[..testId.LastIndexOf(".Test", StringComparison.Ordinal)],
    Categories = t % 10 == 0 ? ["Phase8E2E"] : [],
    Outcome = outcome,
    DurationMs = 1 + (t % 50) * 0.37,
    IsFinal = isFinal,
    ErrorMessage = outcome == TestOutcome.Failed ? $"Assert.Equal() Failure: Expected {t}, Actual {t + 1}" : null,
    ErrorSignature = outcome == TestOutcome.Failed ? "Xunit.Sdk.EqualException at Bench.Tests.Class.Test" : null,
    FinishedAt = started.AddMilliseconds(t * 20 + attempt),
};
