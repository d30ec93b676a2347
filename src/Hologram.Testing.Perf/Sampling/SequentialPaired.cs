using Hologram.Testing.Statistics;

namespace Hologram.Testing.Perf.Sampling;

/// <summary>
/// Sequential paired sampling: pairs are taken in looks of planned sizes n0, 2·n0, 4·n0, … (<see cref="Looks"/> at
/// most), and after each look the interval of p95(candidate) / p95(baseline) is computed at the level
/// 1 − (1 − level) / <see cref="Looks"/>. Sampling stops at the first look whose interval decides the verdict, or when
/// the next look would not fit in the time budget. By the union bound over the planned looks, all of their intervals
/// cover the true ratio at once with probability at least <c>level</c>, so stopping on a decided one does not bias
/// the reported interval's coverage or raise the false-alarm rate above 1 − level.
/// </summary>
internal static class SequentialPaired
{
    /// <summary>The planned looks: the largest sample is n0 · 2^(Looks − 1).</summary>
    public const int Looks = 5;

    /// <summary>The smallest first look, whatever <c>Samples</c> says: a p95 interval from fewer pairs is not trustworthy.</summary>
    public const int MinFirstLook = 200;

    /// <summary>Bootstrap resamples per look (the interval is normal on the log ratio, with the bootstrap's standard error).</summary>
    public const int Resamples = 400;

    /// <summary>The planned size of look <paramref name="k"/> (0-based) for a minimum of <paramref name="samples"/>.</summary>
    public static int LookSize(int samples, int k) => Math.Max(samples, MinFirstLook) << k;

    /// <summary>The per-look two-sided level that keeps the overall level <paramref name="level"/>.</summary>
    public static double LookLevel(double level) => 1 - ((1 - level) / Looks);

    /// <summary>
    /// Runs the looks: <paramref name="take"/> appends pairs up to a count; <paramref name="canAfford"/> says whether a look
    /// of that many pairs in total still fits in the time budget. Returns the pairs and the last look's interval.
    /// </summary>
    public static Outcome Run(
        int samples, double level, double thresholdPct, int seed, Action<List<double>, List<double>, int> take, Func<int, bool> canAfford)
    {
        var a = new List<double>();
        var b = new List<double>();
        var lookLevel = LookLevel(level);
        var limit = 1 + (thresholdPct / 100);
        var random = new Random(seed);
        (double Lower, double Upper) interval = (0, double.PositiveInfinity);
        var looks = 0;
        for (var k = 0; k < Looks; k++)
        {
            var size = LookSize(samples, k);
            if (k > 0 && !canAfford(size))
            {
                break;
            }

            take(a, b, size);
            looks = k + 1;
            interval = Interval(a, b, lookLevel, random);
            if (interval.Upper <= limit || interval.Lower > limit)
            {
                break;
            }
        }

        return new Outcome(a, b, interval.Lower, interval.Upper, looks);
    }

    /// <summary>The interval of the p95 ratio: log ratio ± z · bootstrap standard error (pairs resampled together).</summary>
    public static (double Lower, double Upper) Interval(IReadOnlyList<double> a, IReadOnlyList<double> b, double level, Random random)
    {
        var n = a.Count;
        var weights = HarrellDavis.Weights(n, 0.95);
        var bufferA = new double[n];
        var bufferB = new double[n];
        var logs = new double[Resamples];
        for (var r = 0; r < Resamples; r++)
        {
            for (var i = 0; i < n; i++)
            {
                var j = random.Next(n);
                bufferA[i] = a[j];
                bufferB[i] = b[j];
            }

            Array.Sort(bufferA);
            Array.Sort(bufferB);
            logs[r] = Math.Log(Weighted(bufferB, weights) / Weighted(bufferA, weights));
        }

        var mean = logs.Average();
        var sd = Math.Sqrt(logs.Sum(l => (l - mean) * (l - mean)) / (Resamples - 1));
        var sortedA = a.ToArray();
        var sortedB = b.ToArray();
        Array.Sort(sortedA);
        Array.Sort(sortedB);
        var center = Math.Log(Weighted(sortedB, weights) / Weighted(sortedA, weights));
        var z = NormalQuantile(1 - ((1 - level) / 2));
        return (Math.Exp(center - (z * sd)), Math.Exp(center + (z * sd)));
    }

    /// <summary>The standard normal quantile, by bisection on the CDF (erfc to about 1e-7 relative).</summary>
    internal static double NormalQuantile(double p)
    {
        double low = -12, high = 12;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (0.5 * Erfc(-mid / Math.Sqrt(2)) < p)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return (low + high) / 2;
    }

    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var value = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? value : 2 - value;
    }

    private static double Weighted(double[] sorted, double[] weights)
    {
        var sum = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            sum += weights[i] * sorted[i];
        }

        return sum;
    }

    /// <summary>The pairs taken, the last look's interval and how many looks were made.</summary>
    public sealed record Outcome(List<double> Baseline, List<double> Candidate, double Lower, double Upper, int Looks);
}
