using System.Diagnostics;
using System.Globalization;
using Hologram.Testing.History;

// Usage: dotnet run -c Release -- [store] [tests] [runs]
//   store  default sqlite:<temp>/hologram-bench.db (a fresh file); or a PostgreSQL connection string
// Fills the store with tests x runs final attempts (every 20th test flaky: a failed attempt 1 and a passing retry),
// then times GetTestSummariesAsync (cold and warm), GetConsecutivePassesAsync and FindCrossRunFlakesAsync (all commits,
// and one commit as a finishing run asks).
var store = args.Length > 0 ? args[0] : "sqlite:" + Path.Combine(Path.GetTempPath(), $"hologram-bench-{Guid.NewGuid():N}.db");
var tests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var t0 = DateTimeOffset.UtcNow.AddDays(-runs);

await using var history = await HistoryStores.OpenAsync(store, Directory.GetCurrentDirectory());
Console.WriteLine($"store: {history.Description}; {tests:N0} tests x {runs} runs");
var fill = Stopwatch.StartNew();
long rows = 0;
for (var r = 0; r < runs; r++)
{
    var runId = $"bench-{r:D4}";
    var started = t0.AddHours(r);
    await history.BeginRunAsync(new RunInfo
    {
        RunId = runId, Profile = "ci", Host = "bench", Framework = "xunit2", Assembly = "Bench.Tests", StartedAt = started,
        EndedAt = started.AddMinutes(5), Commit = $"c{r / 2:D4}", Branch = "main",
    });
    var attempts = new List<TestAttempt>(tests + (tests / 20));
    for (var t = 0; t < tests; t++)
    {
        var testId = $"Bench.Tests.Class{t / 100:D3}.Test{t:D5}";
        var flaky = t % 20 == 0 && r % 3 == 0;
        if (flaky)
        {
            attempts.Add(Attempt(runId, testId, 1, TestOutcome.Failed, false, started));
        }

        var failed = t % 97 == 0 && r % 5 == 0;
        attempts.Add(Attempt(runId, testId, flaky ? 2 : 1, failed ? TestOutcome.Failed : TestOutcome.Passed, true, started));
    }

    await history.AppendAttemptsAsync(attempts);
    rows += attempts.Count;
    var flakes = attempts.Where(a => a.Attempt == 2).Select(a => new FlakeEvent { TestId = a.TestId, RunId = runId, Kind = FlakeKind.PassedOnRetry, DetectedAt = a.FinishedAt, Commit = $"c{r / 2:D4}" }).ToArray();
    await history.AddFlakesAsync(flakes);
    if ((r + 1) % 10 == 0)
    {
        Console.WriteLine($"  {r + 1} runs, {rows:N0} attempts, {fill.Elapsed.TotalSeconds:F1} s");
    }
}

Console.WriteLine($"filled {rows:N0} attempts in {fill.Elapsed.TotalSeconds:F1} s ({rows / fill.Elapsed.TotalSeconds:N0} attempts/s)");

var since = t0.AddDays(-1);
for (var i = 1; i <= 3; i++)
{
    var clock = Stopwatch.StartNew();
    var summaries = await history.GetTestSummariesAsync(since);
    Console.WriteLine($"GetTestSummariesAsync #{i}: {clock.ElapsedMilliseconds} ms, {summaries.Count:N0} tests, {summaries.Sum(s => s.Runs):N0} runs, {summaries.Sum(s => s.Flakes):N0} flakes");
}

var ids = Enumerable.Range(0, tests).Select(t => $"Bench.Tests.Class{t / 100:D3}.Test{t:D5}").ToArray();
var passes = Stopwatch.StartNew();
var counts = await history.GetConsecutivePassesAsync(ids);
Console.WriteLine($"GetConsecutivePassesAsync ({ids.Length:N0} tests): {passes.ElapsedMilliseconds} ms, max {counts.Values.Max()}");
var cross = Stopwatch.StartNew();
var crossFlakes = await history.FindCrossRunFlakesAsync(since);
Console.WriteLine($"FindCrossRunFlakesAsync: {cross.ElapsedMilliseconds} ms, {crossFlakes.Count:N0} events");

// What a finishing run does: compare only the runs of its own commit.
var lastCommit = $"c{(runs - 1) / 2:D4}";
var oneCommit = Stopwatch.StartNew();
var commitFlakes = await history.FindCrossRunFlakesAsync(since, lastCommit);
Console.WriteLine($"FindCrossRunFlakesAsync (one commit, as at the end of a run): {oneCommit.ElapsedMilliseconds} ms, {commitFlakes.Count:N0} events");
if (store.StartsWith("sqlite:", StringComparison.Ordinal) && args.Length == 0)
{
    Console.WriteLine($"file: {history.Description["sqlite:".Length..]} ({new FileInfo(history.Description["sqlite:".Length..]).Length / 1_048_576.0:F0} MB; delete it when done)");
}

static TestAttempt Attempt(string runId, string testId, int attempt, TestOutcome outcome, bool isFinal, DateTimeOffset started) => new()
{
    RunId = runId,
    TestId = testId,
    DisplayName = testId[(testId.LastIndexOf('.') + 1)..],
    ClassName = testId[..testId.LastIndexOf('.')],
    Attempt = attempt,
    Outcome = outcome,
    DurationMs = 3.5,
    IsFinal = isFinal,
    ErrorMessage = outcome == TestOutcome.Failed ? "Assert.Equal() Failure" : null,
    ErrorSignature = outcome == TestOutcome.Failed ? "0123456789ab" : null,
    FinishedAt = started.AddMilliseconds(attempt),
};
