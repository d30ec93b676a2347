using System.Diagnostics;
using Hologram.Testing;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;

if (args.Length == 5 && args[0] == "run")
{
    return await RunSuiteAsync(args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture));
}

// Usage: Hologram.Testing.StoreWriter run <repositoryRoot> <tests> <delayMs> <flakyEvery>
// Runs a suite of <tests> tests through the core's attempt pipeline exactly as an adapter does (configuration from
// <repositoryRoot> and the environment, journal, store, retries, quarantine policy at the end); every <flakyEvery>-th
// test fails its first attempt and passes on retry. Prints "run <runId>" first, "ran <n>" after each test (the fault-injection tests kill
// it at a chosen point) and "done" at the end; warnings go to stderr.
// Usage: Hologram.Testing.StoreWriter <store> <runId> <count> <batchSize> <startFile>
// Opens the store, waits until <startFile> exists (so every child starts writing at once), then appends <count>
// attempts in batches of <batchSize>. Prints the elapsed milliseconds; exit code 1 with the error on failure.
if (args.Length != 5)
{
    Console.Error.WriteLine("usage: <store> <runId> <count> <batchSize> <startFile>");
    return 2;
}

var (store, runId, count, batchSize, startFile) = (args[0], args[1], int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture), args[4]);
try
{
    await using var history = await HistoryStores.OpenAsync(store, Directory.GetCurrentDirectory());
    var started = DateTimeOffset.UtcNow;
    await history.BeginRunAsync(new RunInfo
    {
        RunId = runId, Profile = "ci", Host = Environment.MachineName, Framework = "xunit2", Assembly = "Concurrency.Tests", StartedAt = started, Commit = "c0ffee",
    });
    while (!File.Exists(startFile))
    {
        await Task.Delay(5);
    }

    var clock = Stopwatch.StartNew();
    for (var offset = 0; offset < count; offset += batchSize)
    {
        var batch = Enumerable.Range(offset, Math.Min(batchSize, count - offset)).Select(i => new TestAttempt
        {
            RunId = runId,
            TestId = "Concurrency.Tests.T" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture),
            DisplayName = "T" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ClassName = "Concurrency.Tests",
            Attempt = 1,
            Outcome = i % 10 == 0 ? TestOutcome.Failed : TestOutcome.Passed,
            DurationMs = i % 50,
            IsFinal = true,
            ErrorMessage = i % 10 == 0 ? "boom " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            FinishedAt = started.AddMilliseconds(i),
        }).ToArray();
        await history.AppendAttemptsAsync(batch);
    }

    await history.EndRunAsync(runId, DateTimeOffset.UtcNow);
    Console.WriteLine(clock.ElapsedMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}
catch (Exception ex)
{
    Console.Error.WriteLine(ex.ToString());
    return 1;
}

static async Task<int> RunSuiteAsync(string root, int tests, int delayMs, int flakyEvery)
{
    var run = await AdapterRun.StartAsync(
        () => HologramConfiguration.Load(HologramConfigurationSource.ForDirectory(root)), "fault", "Fault.Tests", Console.Error.WriteLine);
    if (run.StartupError is { } error)
    {
        Console.Error.WriteLine(error.Message);
        return 2;
    }

    await using (run)
    {
        Console.Out.WriteLine("run " + run.Session!.Run.RunId);
        Console.Out.Flush();
        for (var i = 0; i < tests; i++)
        {
            var id = "Fault.Tests.T" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
            var flaky = flakyEvery > 0 && i % flakyEvery == 0;
            var testCase = run.BeginTestCase(new TestCaseInfo { ClassName = "Fault.Tests" });
            await testCase.RunAsync(
                attempt => ValueTask.FromResult<IReadOnlyList<TestObservation>>(
                    [flaky && attempt == 1
                        ? TestObservation.Failed(id, id, 1, "System.TimeoutException", "timed out after 5 s", "   at Fault.Tests.Run()")
                        : TestObservation.Passed(id, id, 1)]),
                () => false);
            Console.Out.WriteLine("ran " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Console.Out.Flush();
            if (delayMs > 0)
            {
                await Task.Delay(delayMs);
            }
        }
    }

    Console.Out.WriteLine("done");
    return 0;
}
