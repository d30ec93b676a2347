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
//   sequential-budget [micros=10] [measurements=100] [budget-ms=1000]   sequential budget verdict with the budget 20% above / below the p95
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
        var options = new PerfOptions { Samples = samples, Configuration = configuration, Record = false, TimeBudget = TimeSpan.Zero };
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
    Console.WriteLine($"sequential paired comparison ({comparisons} A/A and {comparisons} +20% comparisons; minimum {configuration.Perf.Samples} pairs, time budget {budgetMs} ms, +{configuration.Perf.RegressionThresholdPct}% threshold at 99%)");
    var tally = new Tally();
    var aaTimes = new List<double>();
    var slowTimes = new List<double>();
    var pairs = new List<double>();
    var looks = new SortedDictionary<int, int>();
    var slowRatios = new List<double>();
    var slowMedianRatios = new List<double>();
    var slowWidths = new List<double>();
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
        slowRatios.Add(slow.Ratio);
        slowMedianRatios.Add(slow.MedianRatio);
        slowWidths.Add(Math.Log(slow.RatioUpper / slow.RatioLower) / 2);
        pairs.Add(aa.Baseline.Count);
        pairs.Add(slow.Baseline.Count);
        looks[aa.Looks] = looks.GetValueOrDefault(aa.Looks) + 1;
        looks[slow.Looks] = looks.GetValueOrDefault(slow.Looks) + 1;
    }

    var all = aaTimes.Concat(slowTimes).ToList();
    Console.WriteLine($"A/A flagged {tally.AaFlagged:P1} (95% CI {Binomial.Wilson(tally.AaFlaggedCount, comparisons)}), A/A pass {tally.AaPass:P1}, A/A inconclusive {1 - tally.AaFlagged - tally.AaPass:P1}");
    Console.WriteLine($"+20% flagged {tally.Power:P1} (95% CI {Binomial.Wilson(tally.PowerCount, comparisons)}); +20% estimates: p95 ratio median {Stats.Median(slowRatios):F3} "
        + $"(10–90%: {Stats.Quantile(slowRatios, 0.1):F3}–{Stats.Quantile(slowRatios, 0.9):F3}), p50 ratio median {Stats.Median(slowMedianRatios):F3}, interval half-width (log) median {Stats.Median(slowWidths):F3}");
    Console.WriteLine($"time to a verdict (s): median {Stats.Median(all):F2} (A/A {Stats.Median(aaTimes):F2}, +20% {Stats.Median(slowTimes):F2}), p90 {Stats.Quantile(all, 0.9):F2}, max {all.Max():F2}");
    Console.WriteLine($"pairs: median {Stats.Median(pairs):F0} (A/A {Stats.Median(pairs.Where((_, k) => k % 2 == 0).ToList()):F0}, +20% {Stats.Median(pairs.Where((_, k) => k % 2 == 1).ToList()):F0}), max {pairs.Max():F0}; looks: {string.Join(", ", looks.Select(p => $"{p.Key}×{p.Value}"))}");
    results["sequential"] = new
    {
        micros, comparisons, budgetMs, aaFlagged = tally.AaFlagged, aaPass = tally.AaPass, power = tally.Power,
        medianSeconds = Stats.Median(all), medianAaSeconds = Stats.Median(aaTimes), medianSlowSeconds = Stats.Median(slowTimes), maxSeconds = all.Max(),
        medianPairs = Stats.Median(pairs), maxPairs = pairs.Max(),
    };
}

if (mode is "sequential-budget")
{
    var measurements = int.Parse(Setting("measurements", "100"), CultureInfo.InvariantCulture);
    var budgetMs = double.Parse(Setting("budget-ms", "1000"), CultureInfo.InvariantCulture);
    var reference = Perf.Measure("reference", () => Work.Run(iterations), new PerfOptions { Configuration = configuration, Record = false, Samples = 20_000, TimeBudget = TimeSpan.Zero });
    var options = new PerfOptions { Configuration = configuration, Record = false, TimeBudget = TimeSpan.FromMilliseconds(budgetMs), Inconclusive = InconclusiveOutcome.Pass };
    Console.WriteLine();
    Console.WriteLine($"sequential budget verdict ({measurements} measurements per budget; minimum {configuration.Perf.Samples} samples, time budget {budgetMs} ms; reference p95 {reference.P95 * 1000:F2} µs from 20,000 calls)");
    var rows = new List<object>();
    foreach (var (label, factor, expected) in new[] { ("budget = p95 × 1.2", 1.2, PerfVerdict.Pass), ("budget = p95 × 0.8", 0.8, PerfVerdict.Fail) })
    {
        var budget = TimeSpan.FromMilliseconds(reference.P95 * factor);
        int right = 0, wrong = 0;
        var times = new List<double>();
        var counts = new List<double>();
        var wrongP50s = new List<string>();
        for (var i = 0; i < measurements; i++)
        {
            var clock = Stopwatch.StartNew();
            var check = Perf.Measure("op", () => Work.Run(iterations), options).CheckBudget(budget);
            times.Add(clock.Elapsed.TotalSeconds);
            counts.Add(check.Result.Count);
            right += check.Verdict == expected ? 1 : 0;
            if (check.Verdict is not PerfVerdict.Inconclusive && check.Verdict != expected)
            {
                wrong++;
                wrongP50s.Add($"p50 ×{check.Result.P50 / reference.P50:F2}, p95 ×{check.Result.P95 / reference.P95:F2} of the reference, n={check.Result.Count}");
            }
        }

        Console.WriteLine($"{label}: decided right {(double)right / measurements:P1} (95% CI {Binomial.Wilson(right, measurements)}), wrong {(double)wrong / measurements:P1}; "
            + $"time to a verdict median {Stats.Median(times):F2} s, max {times.Max():F2} s; samples median {Stats.Median(counts):F0}");
        if (wrongP50s.Count > 0)
        {
            Console.WriteLine($"  wrong verdicts (is the machine slower than when the reference was taken?): {string.Join("; ", wrongP50s)}");
        }

        rows.Add(new { label, right = (double)right / measurements, wrong = (double)wrong / measurements, medianSeconds = Stats.Median(times), maxSeconds = times.Max(), medianSamples = Stats.Median(counts) });
    }

    results["sequentialBudget"] = new { micros, measurements, budgetMs, referenceP95Us = reference.P95 * 1000, rows };
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

    public int AaFlaggedCount => _aaFlagged;

    public int PowerCount => _powerFlagged;

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

/// <summary>Medians and quantiles of figures.</summary>
internal static class Stats
{
    public static double Median(List<double> values) => Quantile(values, 0.5);

    /// <summary>The linear-interpolation quantile.</summary>
    public static double Quantile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        var position = p * (sorted.Count - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((position - low) * (sorted[high] - sorted[low]));
    }
}

/// <summary>Binomial intervals for the rates printed.</summary>
internal static class Binomial
{
    /// <summary>The Wilson 95% interval of <paramref name="successes"/> in <paramref name="n"/>, as text.</summary>
    public static string Wilson(int successes, int n)
    {
        const double z = 1.96;
        var p = (double)successes / n;
        var center = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / (1 + (z * z / n));
        return $"{Math.Max(0, center - half):P1}–{Math.Min(1, center + half):P1}";
    }
}
