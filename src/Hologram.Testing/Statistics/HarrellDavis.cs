using System.Collections.Concurrent;

namespace Hologram.Testing.Statistics;

/// <summary>
/// The Harrell-Davis quantile estimator: a weighted sum of all order statistics with Beta(p(n+1), (1-p)(n+1)) weights.
/// Smoother and more efficient than a single order statistic, and defined for any sample size.
/// </summary>
public static class HarrellDavis
{
    private static readonly ConcurrentDictionary<(int N, double P), double[]> WeightCache = new();

    /// <summary>Estimates the <paramref name="probability"/> quantile of an ascending-sorted sample.</summary>
    /// <param name="sorted">The sample, sorted ascending; at least one value.</param>
    /// <param name="probability">The quantile's probability, in [0, 1].</param>
    /// <returns>The estimate.</returns>
    public static double Quantile(ReadOnlySpan<double> sorted, double probability)
    {
        if (sorted.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", nameof(sorted));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        if (sorted.Length == 1 || probability == 0)
        {
            return sorted[0];
        }

        if (probability == 1)
        {
            return sorted[^1];
        }

        var weights = Weights(sorted.Length, probability);
        var sum = 0.0;
        for (var i = 0; i < sorted.Length; i++)
        {
            sum += weights[i] * sorted[i];
        }

        return sum;
    }

    /// <summary>Estimates the <paramref name="probability"/> quantile of an unsorted sample (the sample is copied and sorted).</summary>
    /// <param name="values">The sample; at least one value.</param>
    /// <param name="probability">The quantile's probability, in [0, 1].</param>
    /// <returns>The estimate.</returns>
    public static double QuantileOfUnsorted(IEnumerable<double> values, double probability)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return Quantile(sorted, probability);
    }

    /// <summary>The weights W_i = I_{i/n}(a, b) - I_{(i-1)/n}(a, b), cached per (n, p).</summary>
    public static double[] Weights(int n, double probability)
    {
        if (n > 4096)
        {
            return ComputeWeights(n, probability);
        }

        return WeightCache.GetOrAdd((n, probability), static key => ComputeWeights(key.N, key.P));
    }

    private static double[] ComputeWeights(int n, double p)
    {
        var a = p * (n + 1);
        var b = (1 - p) * (n + 1);
        var weights = new double[n];
        var previous = 0.0;
        for (var i = 1; i <= n; i++)
        {
            var current = i == n ? 1.0 : SpecialFunctions.RegularizedIncompleteBeta((double)i / n, a, b);
            weights[i - 1] = current - previous;
            previous = current;
        }

        return weights;
    }
}
