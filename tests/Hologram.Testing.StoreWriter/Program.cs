using System.Diagnostics;
using Hologram.Testing.History;

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
