namespace Hologram.Testing.Perf.Statistics;

/// <summary>Percentile-bootstrap intervals for the ratio of two Harrell-Davis quantiles.</summary>
internal static class Bootstrap
{
    /// <summary>
    /// The interval of HD_p(candidate) / HD_p(baseline) at a two-sided <paramref name="level"/>. Paired samples
    /// (same length, sample i of each taken back to back) are resampled by pair, which keeps the drift both saw.
    /// </summary>
    public static (double Lower, double Upper) RatioInterval(
        IReadOnlyList<double> baseline, IReadOnlyList<double> candidate, double probability, double level, bool paired, int resamples, int seed)
    {
        var random = new Random(seed);
        var nb = baseline.Count;
        var nc = candidate.Count;
        var weightsB = HarrellDavis.Weights(nb, probability);
        var weightsC = HarrellDavis.Weights(nc, probability);
        var bufferB = new double[nb];
        var bufferC = new double[nc];
        var ratios = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            if (paired)
            {
                for (var i = 0; i < nb; i++)
                {
                    var j = random.Next(nb);
                    bufferB[i] = baseline[j];
                    bufferC[i] = candidate[j];
                }
            }
            else
            {
                for (var i = 0; i < nb; i++)
                {
                    bufferB[i] = baseline[random.Next(nb)];
                }

                for (var i = 0; i < nc; i++)
                {
                    bufferC[i] = candidate[random.Next(nc)];
                }
            }

            Array.Sort(bufferB);
            Array.Sort(bufferC);
            var qb = Weighted(bufferB, weightsB);
            var qc = Weighted(bufferC, weightsC);
            ratios[r] = qb > 0 ? qc / qb : double.PositiveInfinity;
        }

        Array.Sort(ratios);
        var tail = (1 - level) / 2;
        return (Percentile(ratios, tail), Percentile(ratios, 1 - tail));
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

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        var fraction = position - low;
        return sorted[low] + ((sorted[high] - sorted[low]) * fraction);
    }
}
