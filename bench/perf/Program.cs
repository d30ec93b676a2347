using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Hologram.Testing;
using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Bench;

// bench/perf: figures for the perf gate. Modes:
//   gate [samples=20,100,400] [comparisons=200] [micros=10]   A/A false alarms and power at a 20% slowdown
//   verdict-time [micros=10]                                   time to a budget verdict vs BenchmarkDotNet's default job
//   sequential [micros=10] [comparisons=100] [budget-ms=1000]   sequential paired compare: A/A, power at +20%, time to a verdict
var mode = args.Length > 0 ? args[0] : "gate";
var settings = args.Skip(1).Select(a => a.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
string Setting(string key, string fallback) => settings.TryGetValue(key, out var v) ? v : fallback;

var benchDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", ".."));
var reportsDir = Path.Combine(benchDir, "perf", "generated", "reports");
var configuration = HologramConfiguration.Load(new HologramConfigurationSource
{
    StartDirectory = benchDir,
    EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_PROFILE"] = "pr", ["HOLOGRAM_REPORTS_DIR"] = reportsDir },
});
var micros = double.Parse(Setting("micros", "10"), CultureInfo.InvariantCulture);
var iterations = Work.Calibrate(micros);
var slower = (int)Math.Round(iterations * 1.2);
Console.WriteLine($"machine: {EnvironmentFingerprint.Current}");
Console.WriteLine($"profile {configuration.Profile}: samples {configuration.Perf.Samples}, warm-up {configuration.Perf.Warmup}, threshold +{configuration.Perf.RegressionThresholdPct}%");
Console.WriteLine($"operation: xorshift loop, {iterations} iterations ≈ {micros} µs; slowed: {slower} iterations (+20%)");
var results = new Dictionary<string, object>();

if (mode is "gate" or "all")
{
    var comparisons = int.Parse(Setting("comparisons", "200"), CultureInfo.InvariantCulture);
    var sampleCounts = Setting("samples", "20,100,400").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
    Console.WriteLine();
    Console.WriteLine($"A/A false alarms and power ({comparisons} comparisons each; flagged = confidently > +{configuration.Perf.RegressionThresholdPct}% at 99%)");
    Console.WriteLine("samples  mode                 A/A flagged  A/A pass  power (flagged at +20%)  s/comparison");
    var rows = new List<object>();
    foreach (var samples in sampleCounts)
    {
        var options = new PerfOptions { Samples = samples, Configuration = configuration, Record = false };
        var paired = new Tally();
        var stored = new Tally();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < comparisons; i++)
        {
            var name = $"op{i}";
            paired.AddAa(Perf.Compare(name, () => Work.Run(iterations), () => Work.Run(iterations), options).Verdict);
            paired.AddPower(Perf.Compare(name, () => Work.Run(iterations), () => Work.Run(slower), options).Verdict);

            var baseline = Perf.Measure(name, () => Work.Run(iterations), options).ToRecord();
            var same = Perf.Measure(name, () => Work.Run(iterations), options).ToRecord();
            var slow = Perf.Measure(name, () => Work.Run(slower), options).ToRecord();
            stored.AddAa(RegressionGate.Compare(baseline, same, configuration.Perf.RegressionThresholdPct, 0.99).Verdict);
            stored.AddPower(RegressionGate.Compare(baseline, slow, configuration.Perf.RegressionThresholdPct, 0.99).Verdict);
        }

        var perComparison = clock.Elapsed.TotalSeconds / (comparisons * 2.0);
        foreach (var (label, tally) in new[] { ("paired interleaved", paired), ("stored baseline", stored) })
        {
            Console.WriteLine($"{samples,7}  {label,-19}  {tally.AaFlagged,10:P1}  {tally.AaPass,8:P1}  {tally.Power,23:P1}  {perComparison,12:F2}");
            rows.Add(new { samples, mode = label, aaFlagged = tally.AaFlagged, aaPass = tally.AaPass, power = tally.Power, secondsPerComparison = perComparison });
        }
    }

    results["gate"] = rows;
}

if (mode is "verdict-time" or "all")
{
    Console.WriteLine();
    Console.WriteLine("time to a verdict for the operation");
    var budget = TimeSpan.FromMilliseconds(1);
    var clock = Stopwatch.StartNew();
    var ours = Perf.Measure("op", () => Work.Run(iterations), new PerfOptions { Configuration = configuration, Record = false, Inconclusive = InconclusiveOutcome.Pass })
        .AssertWithinBudget(budget);
    var oursSeconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine($"Hologram (pr profile): {oursSeconds:F2} s → {ours.Verdict}, {ours.Message}");

    Environment.SetEnvironmentVariable("HOLOGRAM_BENCH_ITERATIONS", iterations.ToString(CultureInfo.InvariantCulture));
    clock.Restart();
    var summary = BenchmarkRunner.Run<OpBenchmark>(DefaultConfig.Instance.WithArtifactsPath(Path.Combine(benchDir, "perf", "generated", "BenchmarkDotNet.Artifacts")));
    var bdnSeconds = clock.Elapsed.TotalSeconds;
    var statistics = summary.Reports.Single().ResultStatistics!;
    var bdnP95Ms = statistics.Percentiles.P95 / 1e6;
    var bdnMeanMs = statistics.Mean / 1e6;
    Console.WriteLine($"BenchmarkDotNet default job: {bdnSeconds:F2} s, P95 (of iteration means) = {bdnP95Ms * 1000:F3} µs, mean = {bdnMeanMs * 1000:F3} µs, {statistics.N} iterations");
    Console.WriteLine($"ratio: {bdnSeconds / oursSeconds:F1}× faster; per-call p95 {ours.Result.P95 * 1000:F3} µs vs BDN P95 {bdnP95Ms * 1000:F3} µs ({(ours.Result.P95 / bdnP95Ms - 1) * 100:+0.0;-0.0}%); p50 {ours.Result.P50 * 1000:F3} µs vs BDN mean {bdnMeanMs * 1000:F3} µs ({(ours.Result.P50 / bdnMeanMs - 1) * 100:+0.0;-0.0}%)");
    results["verdictTime"] = new
    {
        hologramSeconds = oursSeconds, hologramSamples = ours.Result.Count, hologramP50Us = ours.Result.P50 * 1000, hologramP95Us = ours.Result.P95 * 1000,
        hologramP95LowerUs = ours.Result.P95Lower * 1000, hologramP95UpperUs = ours.Result.P95Upper * 1000,
        bdnSeconds, bdnP95Us = bdnP95Ms * 1000, bdnMeanUs = bdnMeanMs * 1000, bdnIterations = statistics.N, ratio = bdnSeconds / oursSeconds,
    };
}

if (mode is "sequential")
{
    var comparisons = int.Parse(Setting("comparisons", "100"), CultureInfo.InvariantCulture);
    var budgetMs = double.Parse(Setting("budget-ms", "1000"), CultureInfo.InvariantCulture);
    var options = new PerfOptions { Configuration = configuration, Record = false, TimeBudget = TimeSpan.FromMilliseconds(budgetMs) };
    Console.WriteLine();
    Console.WriteLine($"sequential paired comparison ({comparisons} A/A and {comparisons} +20% comparisons; minimum {configuration.Perf.Samples} pairs, time budget {budgetMs} ms)");
    var tally = new Tally();
    var aaTimes = new List<double>();
    var slowTimes = new List<double>();
    var pairs = new List<int>();
    for (var i = 0; i < comparisons; i++)
    {
        var name = $"seq{i}";
        var clock = Stopwatch.StartNew();
        var aa = Perf.Compare(name, () => Work.Run(iterations), () => Work.Run(iterations), options);
        aaTimes.Add(clock.Elapsed.TotalSeconds);
        tally.AddAa(aa.Verdict);
        clock.Restart();
        var slow = Perf.Compare(name, () => Work.Run(iterations), () => Work.Run(slower), options);
        slowTimes.Add(clock.Elapsed.TotalSeconds);
        tally.AddPower(slow.Verdict);
        pairs.Add(aa.Baseline.Count);
        pairs.Add(slow.Baseline.Count);
    }

    static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    var all = aaTimes.Concat(slowTimes).ToList();
    Console.WriteLine($"A/A flagged {tally.AaFlagged:P1}, A/A pass {tally.AaPass:P1}, +20% flagged {tally.Power:P1}");
    Console.WriteLine($"time to a verdict (s): median {Median(all):F2} (A/A {Median(aaTimes):F2}, +20% {Median(slowTimes):F2}), max {all.Max():F2}; median pairs {Median(pairs.Select(p => (double)p).ToList()):F0}");
    results["sequential"] = new
    {
        micros, comparisons, budgetMs, aaFlagged = tally.AaFlagged, aaPass = tally.AaPass, power = tally.Power,
        medianSeconds = Median(all), medianAaSeconds = Median(aaTimes), medianSlowSeconds = Median(slowTimes), maxSeconds = all.Max(),
    };
}

results["machine"] = EnvironmentFingerprint.Current.ToString();
results["iterations"] = iterations;
var output = Path.Combine(benchDir, "perf", "results", $"{mode}-{DateTime.UtcNow:yyyyMMddTHHmmssZ}.json");
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllText(output, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"figures: {output} (sink {Work.Sink % 10})");

/// <summary>Counts gate verdicts.</summary>
internal sealed class Tally
{
    private int _aa;
    private int _aaFlagged;
    private int _aaPass;
    private int _power;
    private int _powerFlagged;

    public double AaFlagged => (double)_aaFlagged / _aa;

    public double AaPass => (double)_aaPass / _aa;

    public double Power => (double)_powerFlagged / _power;

    public void AddAa(PerfVerdict verdict)
    {
        _aa++;
        _aaFlagged += verdict == PerfVerdict.Fail ? 1 : 0;
        _aaPass += verdict == PerfVerdict.Pass ? 1 : 0;
    }

    public void AddPower(PerfVerdict verdict)
    {
        _power++;
        _powerFlagged += verdict == PerfVerdict.Fail ? 1 : 0;
    }
}
