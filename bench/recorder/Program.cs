using System.Diagnostics;
using System.Globalization;
using Hologram.Testing;
using Hologram.Testing.History;

// Usage: dotnet run -c Release --project bench/recorder -- [attempts] [rounds] [prior-runs]
// Records <attempts> passing attempts (default 61,200: the realistic suite's size) whose test ids carry a 200-character
// string argument, through HistoryRecorder, in two modes per round, interleaved: "journal" (the store cannot be opened,
// so each attempt costs its journal line alone) and "sqlite" (journal line plus the batched store write). Prints CPU
// per attempt, wall time, allocation and collections per mode; the difference of the two is the store's share.
// With prior-runs > 0 each sqlite round writes into a copy of a store that already holds that many earlier runs of the
// same tests (what a CI cache or a developer's machine holds), not into an empty file.
var attempts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 61_200;
var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
var priorRuns = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
var ids = Enumerable.Range(0, attempts)
    .Select(i => string.Create(CultureInfo.InvariantCulture, $"Bench.Suite.Class{i % 300:D4}.Method(text: \"{new string('a', 200)}\", n: {i})"))
    .ToArray();
var work = Path.Combine(Path.GetTempPath(), "hologram-recorder-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
Directory.SetCurrentDirectory(work);
Environment.SetEnvironmentVariable("HOLOGRAM_REPORTS_DIR", Path.Combine(work, "reports"));
try
{
    var seed = Path.Combine(work, "seed.db");
    for (var prior = 0; prior < priorRuns; prior++)
    {
        Environment.SetEnvironmentVariable("HOLOGRAM_STORE", "sqlite:" + seed);
        await RecordRunAsync(HologramConfiguration.Load(), ids);
    }

    if (priorRuns > 0)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store before each sqlite round: {priorRuns} runs, {new FileInfo(seed).Length / 1048576.0:F1} MB"));
    }

    for (var round = 0; round <= rounds; round++)
    {
        foreach (var mode in new[] { "journal", "sqlite" })
        {
            // A store under a file (not a directory) cannot be opened: the recorder warns once and journals only.
            File.WriteAllText(Path.Combine(work, "blocker"), string.Empty);
            var file = Path.Combine(work, $"h{round}.db");
            if (mode == "sqlite" && priorRuns > 0)
            {
                File.Copy(seed, file, overwrite: true);
                if (File.Exists(seed + ".checked"))
                {
                    // The copy is the file the stamp describes only by content: restamp it as the seed's close left it.
                    File.SetLastWriteTimeUtc(file, File.GetLastWriteTimeUtc(seed));
                    File.Copy(seed + ".checked", file + ".checked", overwrite: true);
                }
            }

            Environment.SetEnvironmentVariable("HOLOGRAM_STORE", mode == "sqlite" ? "sqlite:" + file : "sqlite:" + Path.Combine(work, "blocker", "h.db"));
            var options = HologramConfiguration.Load();
            GC.Collect();
            var process = Process.GetCurrentProcess();
            var cpu0 = process.TotalProcessorTime;
            var alloc0 = GC.GetTotalAllocatedBytes(precise: true);
            int[] gc0 = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var wall = Stopwatch.StartNew();
            await RecordRunAsync(options, ids);
            wall.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpu0).TotalMilliseconds;
            if (round > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round={round} mode={mode} attempts={attempts} cpu_us_per_attempt={cpu * 1000 / attempts:F2} wall_ms={wall.Elapsed.TotalMilliseconds:F0} " +
                    $"alloc_mb={(GC.GetTotalAllocatedBytes(precise: true) - alloc0) / 1048576.0:F1} gen0={GC.CollectionCount(0) - gc0[0]} gen1={GC.CollectionCount(1) - gc0[1]} gen2={GC.CollectionCount(2) - gc0[2]}"));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var spool in Directory.EnumerateFiles(Path.Combine(work, "reports", "spool")))
            {
                File.Delete(spool);
            }
        }
    }
}
finally
{
    Directory.SetCurrentDirectory(Path.GetTempPath());
    Directory.Delete(work, recursive: true);
}

static async Task RecordRunAsync(HologramOptions options, string[] ids)
{
    var run = new RunInfo
    {
        RunId = Guid.NewGuid().ToString("N"), Profile = "dev", Host = "bench", Framework = "xunit2", Assembly = "Bench", StartedAt = DateTimeOffset.UtcNow,
    };
    var recorder = await HistoryRecorder.StartAsync(options, run, _ => { });
    for (var i = 0; i < ids.Length; i++)
    {
        recorder.Record(new TestAttempt
        {
            RunId = run.RunId, TestId = ids[i], DisplayName = ids[i], ClassName = "Bench.Suite.Class", Attempt = 1,
            Outcome = TestOutcome.Passed, DurationMs = 0.25, IsFinal = true, FinishedAt = DateTimeOffset.UtcNow,
        });
    }

    await recorder.DisposeAsync();
}
