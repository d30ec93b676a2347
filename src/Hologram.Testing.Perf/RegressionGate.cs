using Hologram.Testing.Perf.Budgets;
using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf;

/// <summary>
/// The regression gate: a candidate fails only when the confidence interval of p95(candidate) / p95(baseline) lies
/// wholly above 1 + threshold; it passes when the interval lies wholly at or below it. A different environment is inconclusive.
/// </summary>
public static class RegressionGate
{
    /// <summary>Bootstrap resamples for the ratio interval of two stored sample sets.</summary>
    public const int BootstrapResamples = 2000;

    /// <summary>Compares a candidate with its baseline.</summary>
    /// <param name="baseline">The baseline record; <see langword="null"/> gives an inconclusive check.</param>
    /// <param name="candidate">The candidate record.</param>
    /// <param name="thresholdPct">The regression threshold in percent (e.g. 10).</param>
    /// <param name="level">The two-sided confidence level of the ratio interval.</param>
    /// <returns>The check.</returns>
    public static RegressionCheck Compare(PerfRecord? baseline, PerfRecord candidate, double thresholdPct, double level)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var phase = candidate.Phase == PerfPhase.Cold ? " (cold)" : string.Empty;
        if (baseline is null)
        {
            return new RegressionCheck(candidate.Name, candidate.Phase, PerfVerdict.Inconclusive, double.NaN, double.NaN, double.NaN, thresholdPct, null, candidate, [],
                $"{candidate.Name}{phase}: no baseline to compare with: inconclusive");
        }

        var differences = baseline.Environment.Differences(candidate.Environment);
        var (ratio, lower, upper) = RatioInterval(baseline, candidate, level);
        var limit = 1 + (thresholdPct / 100);
        var verdict = differences.Count > 0 ? PerfVerdict.Inconclusive : BudgetEvaluator.Verdict(lower, upper, limit);
        var head = $"{candidate.Name}{phase} p95 = {PerfFormat.Duration(candidate.P95)} vs baseline {PerfFormat.Duration(baseline.P95)}: "
            + $"×{PerfFormat.Number(ratio)} ({PerfFormat.Level(level)} CI {PerfFormat.Number(lower)}–{PerfFormat.Number(upper)})";
        var threshold = $"threshold +{PerfFormat.Number(thresholdPct)}%";
        var sizes = $"[n={candidate.N} vs {baseline.N}]";
        var message = verdict switch
        {
            PerfVerdict.Fail => $"{head} > {threshold}: regression {sizes}",
            PerfVerdict.Pass => $"{head} within {threshold} {sizes}",
            _ when differences.Count > 0 => $"{head}: inconclusive, environment differs from the baseline's ({string.Join("; ", differences)}) {sizes}",
            _ => $"{head} straddles {threshold}: inconclusive {sizes}",
        };
        return new RegressionCheck(candidate.Name, candidate.Phase, verdict, ratio, lower, upper, thresholdPct, baseline, candidate, differences, message);
    }

    /// <summary>
    /// The p95 ratio and its interval: a percentile bootstrap over both raw sample sets when they are stored, else the
    /// conservative interval [lower(candidate) / upper(baseline), upper(candidate) / lower(baseline)].
    /// </summary>
    internal static (double Ratio, double Lower, double Upper) RatioInterval(PerfRecord baseline, PerfRecord candidate, double level)
    {
        var ratio = baseline.P95 > 0 ? candidate.P95 / baseline.P95 : double.PositiveInfinity;
        if (baseline.Samples.Count >= 2 && candidate.Samples.Count >= 2)
        {
            var seed = StableSeed(candidate.Name);
            var (lower, upper) = Bootstrap.RatioInterval(baseline.Samples, candidate.Samples, 0.95, level, paired: false, BootstrapResamples, seed);
            return (ratio, lower, upper);
        }

        var low = baseline.P95Upper > 0 && !double.IsInfinity(baseline.P95Upper) && candidate.P95Lower > 0 ? candidate.P95Lower / baseline.P95Upper : 0;
        var high = baseline.P95Lower > 0 && !double.IsInfinity(baseline.P95Lower) ? candidate.P95Upper / baseline.P95Lower : double.PositiveInfinity;
        return (ratio, low, high);
    }

    internal static int StableSeed(string name)
    {
        var hash = 2166136261u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
