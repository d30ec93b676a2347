using Hologram.Testing.Perf.Sampling;
using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf.Budgets;

/// <summary>
/// The sequential budget verdict: the first measurement is the first look; while the p95 interval at the look's level
/// straddles the budget, more samples of the same operation are taken in looks planned from the time budget
/// (<see cref="SequentialLooks"/>), until the interval lies wholly at or below the budget (pass) or above it (fail), or
/// the time budget is spent (inconclusive). The interval is distribution-free at every look, so the union bound over
/// the looks' levels holds exactly.
/// </summary>
internal static class SequentialBudget
{
    /// <summary>Runs the looks from <paramref name="first"/> and returns the judged result (at the last look's level) and the number of looks.</summary>
    public static async ValueTask<(PerfResult Result, int Looks)> RunAsync(PerfResult first, double budgetMs, CancellationToken cancellationToken)
    {
        var context = first.Context!;
        var start = context.First!;
        var ops = context.Plan.OperationsPerSample;
        var samplingMs = start.SamplesMs.Sum() * ops;
        var parts = new List<RawMeasurement> { start };
        var samples = new List<double>(start.SamplesMs);
        var looks = new SequentialLooks(
            first.ConfidenceLevel, context.Plan.Time, context.TimeBudget!.Value, start.WarmupTime + TimeSpan.FromMilliseconds(samplingMs));
        await looks.RunAsync(
            first.Count,
            async count =>
            {
                var more = await context.Extend!(count - samples.Count, cancellationToken).ConfigureAwait(false);
                parts.Add(more);
                samples.AddRange(more.SamplesMs);
            },
            level =>
            {
                var sorted = samples.ToArray();
                Array.Sort(sorted);
                var interval = QuantileInterval.Compute(sorted, 0.95, level);
                return BudgetEvaluator.Verdict(interval.Lower, interval.Upper, budgetMs) != PerfVerdict.Inconclusive;
            },
            taken: first.Count,
            takenTime: TimeSpan.FromMilliseconds(samplingMs)).ConfigureAwait(false);

        // The result judged carries the interval the decision used; a continued measurement is recorded like a re-measurement.
        var raw = parts.Count == 1 ? start : Combine(parts);
        return (Perf.Build(first.Name, first.Phase, raw, context, looks.LastLevel, record: parts.Count > 1), looks.Looks);
    }

    /// <summary>The first run's warm-up facts with the samples, allocations and collections of all runs.</summary>
    private static RawMeasurement Combine(List<RawMeasurement> parts) =>
        parts[0] with
        {
            SamplesMs = [.. parts.SelectMany(p => p.SamplesMs)],
            AllocatedBytes = parts.Sum(p => p.AllocatedBytes),
            Operations = parts.Sum(p => p.Operations),
            Gen0Collections = parts.Sum(p => p.Gen0Collections),
            Gen1Collections = parts.Sum(p => p.Gen1Collections),
            Gen2Collections = parts.Sum(p => p.Gen2Collections),
        };
}
