using System.Globalization;

namespace Hologram.Testing.Perf.Statistics;

/// <summary>
/// A distribution-free confidence interval for a quantile: two order statistics X(l) ≤ q ≤ X(u) chosen from the
/// binomial distribution of how many observations fall below the quantile. Coverage is at least the level for any
/// continuous distribution. A bound the sample is too small to give is infinite.
/// </summary>
/// <param name="Probability">The quantile's probability, e.g. 0.95.</param>
/// <param name="Level">The two-sided confidence level, e.g. 0.99 (each bound errs with probability at most (1 - level) / 2).</param>
/// <param name="Lower">The lower bound, or negative infinity when the sample is too small to give one.</param>
/// <param name="Upper">The upper bound, or positive infinity when the sample is too small to give one.</param>
/// <param name="LowerRank">The 1-based rank of the lower bound's order statistic, or 0 when there is none.</param>
/// <param name="UpperRank">The 1-based rank of the upper bound's order statistic, or 0 when there is none.</param>
public readonly record struct QuantileInterval(double Probability, double Level, double Lower, double Upper, int LowerRank, int UpperRank)
{
    /// <summary>Whether both bounds are finite.</summary>
    public bool IsBounded => LowerRank > 0 && UpperRank > 0;

    /// <summary>Computes the interval from an ascending-sorted sample.</summary>
    /// <param name="sorted">The sample, sorted ascending.</param>
    /// <param name="probability">The quantile's probability, in (0, 1).</param>
    /// <param name="level">The two-sided confidence level, in (0, 1).</param>
    /// <returns>The interval.</returns>
    public static QuantileInterval Compute(ReadOnlySpan<double> sorted, double probability, double level)
    {
        var (lowerRank, upperRank) = Ranks(sorted.Length, probability, level);
        return new QuantileInterval(
            probability,
            level,
            lowerRank > 0 ? sorted[lowerRank - 1] : double.NegativeInfinity,
            upperRank > 0 ? sorted[upperRank - 1] : double.PositiveInfinity,
            lowerRank,
            upperRank);
    }

    /// <summary>
    /// The ranks (1-based; 0 = no bound) of the order statistics bounding the quantile: the largest l with
    /// P(B ≤ l - 1) ≤ α/2 and the smallest u with P(B ≤ u - 1) ≥ 1 - α/2, where B ~ Binomial(n, p).
    /// </summary>
    /// <param name="n">The sample size.</param>
    /// <param name="probability">The quantile's probability, in (0, 1).</param>
    /// <param name="level">The two-sided confidence level, in (0, 1).</param>
    /// <returns>The lower and upper ranks.</returns>
    public static (int Lower, int Upper) Ranks(int n, double probability, double level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (probability is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "The probability must be in (0, 1).");
        }

        if (level is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be in (0, 1).");
        }

        if (n == 0)
        {
            return (0, 0);
        }

        var tail = (1 - level) / 2;
        var center = Math.Clamp((int)Math.Floor(n * probability), 1, n);

        var lower = 0;
        for (var l = center; l >= 1; l--)
        {
            if (SpecialFunctions.BinomialCdf(l - 1, n, probability) <= tail)
            {
                lower = l;
                break;
            }
        }

        var upper = 0;
        for (var u = Math.Max(1, center); u <= n; u++)
        {
            if (SpecialFunctions.BinomialCdf(u - 1, n, probability) >= 1 - tail)
            {
                upper = u;
                break;
            }
        }

        return (lower, upper);
    }

    /// <summary>
    /// The smallest sample size whose interval has a finite upper bound with <paramref name="spare"/> order statistics
    /// above it (0: the upper bound may be the sample maximum).
    /// </summary>
    /// <param name="probability">The quantile's probability, in (0, 1).</param>
    /// <param name="level">The two-sided confidence level, in (0, 1).</param>
    /// <param name="spare">How many observations must lie above the upper bound.</param>
    /// <returns>The sample size.</returns>
    public static int MinimumSamples(double probability, double level, int spare = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(spare);
        for (var n = 1; n <= 1_000_000; n++)
        {
            var (_, upper) = Ranks(n, probability, level);
            if (upper > 0 && upper <= n - spare)
            {
                return n;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(probability), "No sample size up to 1,000,000 gives a bounded interval.");
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Level:P0} CI of q{Probability}: [{Lower}, {Upper}]");
}
