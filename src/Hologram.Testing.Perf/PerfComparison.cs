using Hologram.Testing.Perf.Budgets;

namespace Hologram.Testing.Perf;

/// <summary>
/// A paired comparison: baseline and candidate measured interleaved in one process (machine drift hits both), with
/// the p95 ratio candidate / baseline and its bootstrap confidence interval (resampled by pair).
/// </summary>
public sealed class PerfComparison
{
    internal PerfComparison(string name, PerfResult baseline, PerfResult candidate, double ratio, double lower, double upper, double medianRatio, double thresholdPct)
    {
        Name = Hologram.Testing.Security.SecretRedactor.Default.Redact(name); // names end up in file names, CSV, JSON and messages
        Baseline = baseline;
        Candidate = candidate;
        Ratio = ratio;
        RatioLower = lower;
        RatioUpper = upper;
        MedianRatio = medianRatio;
        ThresholdPct = thresholdPct;
        Verdict = BudgetEvaluator.Verdict(lower, upper, 1 + (thresholdPct / 100));
        var head = $"{name} p95 ×{PerfFormat.Number(ratio)} ({PerfFormat.Level(baseline.ConfidenceLevel)} CI {PerfFormat.Number(lower)}–{PerfFormat.Number(upper)}), "
            + $"{PerfFormat.Duration(candidate.P95)} vs {PerfFormat.Duration(baseline.P95)}, p50 ×{PerfFormat.Number(medianRatio)}";
        var threshold = $"threshold +{PerfFormat.Number(thresholdPct)}%";
        var label = $"[profile {baseline.Profile}, n={baseline.Count} pairs, interleaved]";
        Message = Verdict switch
        {
            PerfVerdict.Fail => $"{head} > {threshold}: regression {label}",
            PerfVerdict.Pass => $"{head} within {threshold} {label}",
            _ => $"{head} straddles {threshold}: inconclusive {label}",
        };
    }

    /// <summary>
    /// How many looks a sequential comparison (<see cref="PerfOptions.TimeBudget"/>) took before its verdict was decided
    /// or its time was spent; 0 for a fixed sample count.
    /// </summary>
    public int Looks { get; init; }

    /// <summary>The comparison's name.</summary>
    public string Name { get; }

    /// <summary>The baseline's measurement (sample i was taken next to the candidate's sample i).</summary>
    public PerfResult Baseline { get; }

    /// <summary>The candidate's measurement.</summary>
    public PerfResult Candidate { get; }

    /// <summary>p95(candidate) / p95(baseline), Harrell-Davis.</summary>
    public double Ratio { get; }

    /// <summary>Lower confidence bound of <see cref="Ratio"/> at the measurement's confidence level.</summary>
    public double RatioLower { get; }

    /// <summary>Upper confidence bound of <see cref="Ratio"/>.</summary>
    public double RatioUpper { get; }

    /// <summary>p50(candidate) / p50(baseline), Harrell-Davis.</summary>
    public double MedianRatio { get; }

    /// <summary>The regression threshold in percent.</summary>
    public double ThresholdPct { get; }

    /// <summary>Fail: confidently slower by more than the threshold; pass: confidently not; inconclusive otherwise.</summary>
    public PerfVerdict Verdict { get; }

    /// <summary>A one-line description.</summary>
    public string Message { get; }

    /// <summary>Fails when the candidate is confidently slower than the baseline by more than the threshold.</summary>
    /// <exception cref="PerfBudgetExceededException">A confident regression.</exception>
    public void AssertNoRegression()
    {
        if (Verdict == PerfVerdict.Fail)
        {
            throw new PerfBudgetExceededException(Message);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Message;
}
