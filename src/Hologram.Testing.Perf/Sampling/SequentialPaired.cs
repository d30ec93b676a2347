using System.Runtime.InteropServices;
using Hologram.Testing.Perf.Statistics;
using Hologram.Testing.Statistics;

namespace Hologram.Testing.Perf.Sampling;

/// <summary>
/// Sequential paired sampling: pairs are taken in looks (<see cref="SequentialLooks"/>: doubling sizes planned from
/// the time budget, error spent O'Brien–Fleming style), and after each look the interval of p95(candidate) /
/// p95(baseline) is computed at the look's level. Sampling stops at the first look whose interval decides the verdict
/// — wholly above 1 + threshold (regression) or wholly at or below it (no regression beyond the threshold) — or when
/// the budget allows no further look.
/// </summary>
internal static class SequentialPaired
{
    /// <summary>The smallest first look, whatever <c>Samples</c> says: a p95 interval from fewer pairs is not trustworthy.</summary>
    public const int MinFirstLook = 200;

    /// <summary>The first look's size for a minimum of <paramref name="samples"/> pairs.</summary>
    public static int FirstLook(int samples) => Math.Max(samples, MinFirstLook);

    /// <summary>
    /// Runs the looks: <paramref name="take"/> appends pairs up to a count. Returns the pairs and the last look's interval.
    /// </summary>
    public static async ValueTask<Outcome> RunAsync(
        int samples, double thresholdPct, SequentialLooks looks, Func<List<double>, List<double>, int, ValueTask> take, TimeSpan pairCost = default)
    {
        var a = new List<double>();
        var b = new List<double>();
        var limit = 1 + (thresholdPct / 100);
        (double Lower, double Upper) interval = (0, double.PositiveInfinity);
        await looks.RunAsync(
            FirstLook(samples),
            n => take(a, b, n),
            level =>
            {
                interval = Interval(CollectionsMarshal.AsSpan(a), CollectionsMarshal.AsSpan(b), level);
                return interval.Upper <= limit || interval.Lower > limit;
            },
            unitCost: pairCost).ConfigureAwait(false);
        return new Outcome(a, b, interval.Lower, interval.Upper, looks.Looks, looks.LastLevel);
    }

    /// <summary>
    /// The interval of the p95 ratio at <paramref name="level"/>: log ratio ± z · standard error, where each side's
    /// Harrell-Davis p95 has its Maritz–Jarrett standard error and the two are correlated through the pairing (the
    /// correlation of the indicators "at or below its p95" of the two calls of a pair).
    /// </summary>
    public static (double Lower, double Upper) Interval(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double level)
    {
        var n = a.Length;
        var weights = HarrellDavis.Weights(n, 0.95);
        var sortedA = a.ToArray();
        var sortedB = b.ToArray();
        Array.Sort(sortedA);
        Array.Sort(sortedB);
        var (qa, sa) = Moments(sortedA, weights);
        var (qb, sb) = Moments(sortedB, weights);
        var both = 0;
        var belowA = 0;
        var belowB = 0;
        for (var i = 0; i < n; i++)
        {
            var x = a[i] <= qa;
            var y = b[i] <= qb;
            belowA += x ? 1 : 0;
            belowB += y ? 1 : 0;
            both += x && y ? 1 : 0;
        }

        double pa = (double)belowA / n, pb = (double)belowB / n;
        var spread = Math.Sqrt(pa * (1 - pa) * pb * (1 - pb));
        var correlation = spread > 0 ? Math.Clamp((((double)both / n) - (pa * pb)) / spread, -1, 1) : 0;
        double ra = sa / qa, rb = sb / qb;
        var se = Math.Sqrt(Math.Max(0, (ra * ra) + (rb * rb) - (2 * correlation * ra * rb)));
        var center = Math.Log(qb / qa);
        var z = Normal.Quantile(1 - ((1 - level) / 2));
        return (Math.Exp(center - (z * se)), Math.Exp(center + (z * se)));
    }

    /// <summary>The Harrell-Davis estimate and its Maritz–Jarrett standard error: √(Σ wᵢx(i)² − (Σ wᵢx(i))²).</summary>
    private static (double Estimate, double StandardError) Moments(double[] sorted, double[] weights)
    {
        double first = 0, second = 0;
        for (var i = 0; i < sorted.Length; i++)
        {
            first += weights[i] * sorted[i];
            second += weights[i] * sorted[i] * sorted[i];
        }

        return (first, Math.Sqrt(Math.Max(0, second - (first * first))));
    }

    /// <summary>The pairs taken, the last look's interval, how many looks were made and the last look's level.</summary>
    public sealed record Outcome(List<double> Baseline, List<double> Candidate, double Lower, double Upper, int Looks, double Level);
}
