using System.Diagnostics;
using System.Globalization;
using Hologram.Testing;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;

// Usage: dotnet run -c Release -- [tests] [broken] [attemptMs]
// A broken build: `tests` tests (default 2,000), of which `broken` (default 300) fail on every attempt with an
// InvalidOperationException and every 100th of the others times out once (a TimeoutException, then passes). Each
// configuration runs the whole suite through the core's decision (AdapterRun, TestCaseRun; profile pr, 2 retries,
// Store=none) in test order and prints the attempts, the retried failures, the simulated test time (attempts x
// attemptMs, default 50) and the run's "retries stopped" line. Then the cost of one decision over a failing attempt
// without a filter, with a type match through a base type, and with a message pattern match.
var tests = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 2_000;
var broken = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300;
var attemptMs = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 50;
var directory = Directory.CreateTempSubdirectory("hologram-retry-bench-").FullName;

Console.WriteLine($"{tests:N0} tests, {broken} broken (spread through the run), every 100th other test times out once; {attemptMs} ms per attempt");
Console.WriteLine($"{"configuration",-52} {"attempts",9} {"retries",8} {"test time",10}  flaky passed  stopped");
foreach (var (name, settings) in new (string, Dictionary<string, string?>)[]
{
    ("Retries=2 (no options)", []),
    ("Retry:MaxFailedTests=25", new() { ["HOLOGRAM__RETRY__MAXFAILEDTESTS"] = "25" }),
    ("Retry:MaxFailedTestsPercent=5", new() { ["HOLOGRAM__RETRY__MAXFAILEDTESTSPERCENT"] = "5" }),
    ("Retry:ExceptionTypes=System.TimeoutException", new() { ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.TimeoutException" }),
})
{
    var warnings = new List<string>();
    await using var run = await AdapterRun.StartAsync(() => Load(directory, settings), "bench", "RetryBudget.Bench", warnings.Add);
    var attempts = 0;
    var flakyPassed = 0;
    for (var t = 0; t < tests; t++)
    {
        // Broken tests spread evenly through the run, as a broken dependency fails tests in every class.
        var isBroken = t % (tests / broken) == 0 && t / (tests / broken) < broken;
        var timesOutOnce = !isBroken && t % 100 == 1;
        var id = $"Bench.Suite.Test{t:D5}";
        var decision = run.BeginTestCase(new TestCaseInfo { ClassName = "Bench.Suite" }).Run(
            attempt =>
            {
                attempts++;
                return [isBroken || (timesOutOnce && attempt == 1)
                    ? TestObservation.Failed(id, id, attemptMs, isBroken ? "System.InvalidOperationException" : "System.TimeoutException", "boom", null)
                    : TestObservation.Passed(id, id, attemptMs)];
            },
            () => false);
        flakyPassed += timesOutOnce && decision.Verdicts[0].ReportAs == TestOutcome.Passed ? 1 : 0;
    }

    var stopped = run.Session!.RetriesStopped is { } line ? line["hologram: retries stopped for the rest of this run: ".Length..line.IndexOf(';', StringComparison.Ordinal)] : "-";
    Console.WriteLine($"{name,-52} {attempts,9:N0} {attempts - tests,8:N0} {TimeSpan.FromMilliseconds(attempts * attemptMs).TotalSeconds,9:N1}s  {flakyPassed,5} of {tests / 100,-4} {stopped}");
}

foreach (var (name, settings, exceptionType) in new (string, Dictionary<string, string?>, string)[]
{
    ("no filter", [], "System.IO.FileNotFoundException"),
    ("listed type's base type matches", new()
    {
        ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.IO.IOException;System.Net.Http.HttpRequestException",
    }, "System.IO.FileNotFoundException"),
    ("type not listed, third of 3 patterns matches", new()
    {
        ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.Net.Http.HttpRequestException",
        ["HOLOGRAM__RETRY__MESSAGEPATTERNS"] = "connection (refused|reset);503 Service Unavailable;timed out",
    }, "System.InvalidOperationException"),
})
{
    settings["HOLOGRAM__RETRIES"] = "1";
    await using var run = await AdapterRun.StartAsync(() => Load(directory, settings), "bench", "RetryBudget.Bench");
    var failure = TestObservation.Failed("Bench.T", "Bench.T", 1, exceptionType, "Could not find file '/tmp/x.json' after the request timed out", null);
    const int Decisions = 200_000;
    var perAttempt = new List<double>();
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < Decisions; i++)
        {
            _ = run.BeginTestCase(new TestCaseInfo { ClassName = "Bench" }).Complete(1, [failure], false);
        }

        perAttempt.Add(watch.Elapsed.TotalNanoseconds / Decisions);
    }

    Console.WriteLine($"decision over a failing attempt, {name,-46} {perAttempt.Skip(1).Min(),6:N0} ns (best of 2 rounds after a warm-up round)");
}

Directory.Delete(directory, recursive: true);

static HologramOptions Load(string directory, Dictionary<string, string?> settings)
{
    var environment = new Dictionary<string, string?>(settings) { ["HOLOGRAM_PROFILE"] = "pr", ["HOLOGRAM_STORE"] = "none" };
    return HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = directory, EnvironmentVariables = environment });
}
