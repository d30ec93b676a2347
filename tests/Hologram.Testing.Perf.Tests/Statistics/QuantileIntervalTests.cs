using Hologram.Testing.TestSupport.Statistics;
using Hologram.Testing.Statistics;
using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf.Tests.Statistics;

public sealed class QuantileIntervalTests
{
    [Fact]
    public void Twenty_samples_bound_p95_from_below_only()
    {
        var (lower, upper) = QuantileInterval.Ranks(20, 0.95, 0.99);

        Assert.Equal(16, lower);
        Assert.Equal(0, upper);
    }

    [Fact]
    public void The_minimum_sample_sizes_for_a_bounded_p95_are_known()
    {
        // 1 - 0.95^n >= 0.995 first holds at n = 104; a 99.9% one-sided bound (two-sided 99.8%) needs 135.
        Assert.Equal(104, QuantileInterval.MinimumSamples(0.95, 0.99));
        Assert.Equal(135, QuantileInterval.MinimumSamples(0.95, 0.998));
        Assert.Equal(59, QuantileInterval.MinimumSamples(0.95, 0.9));
    }

    [Fact]
    public void Bounds_are_order_statistics_around_the_estimate()
    {
        var sorted = Enumerable.Range(1, 400).Select(i => (double)i).ToArray();
        var interval = QuantileInterval.Compute(sorted, 0.95, 0.99);

        Assert.True(interval.IsBounded);
        Assert.Equal(interval.LowerRank, interval.Lower);
        Assert.Equal(interval.UpperRank, interval.Upper);
        Assert.InRange(HarrellDavis.Quantile(sorted, 0.95), interval.Lower, interval.Upper);
    }

    [Theory]
    [InlineData(300, 0.99)]
    [InlineData(200, 0.95)]
    [InlineData(120, 0.90)]
    public void Coverage_is_close_to_the_level_for_skewed_bimodal_and_heavy_tailed_latencies(int n, double level)
    {
        // The exact coverage of the chosen ranks (>= level by construction) is what simulation must reproduce.
        var (lowerRank, upperRank) = QuantileInterval.Ranks(n, 0.95, level);
        var exact = SpecialFunctions.BinomialCdf(upperRank - 1, n, 0.95) - SpecialFunctions.BinomialCdf(lowerRank - 1, n, 0.95);
        Assert.InRange(exact, level, level + ((1 - level) * 0.7));

        Distribution[] distributions = [new LogNormal(), new Bimodal(), new HeavyTail()];
        const int draws = 2000;
        foreach (var distribution in distributions)
        {
            var random = new Random(7 + n);
            var truth = distribution.Quantile(0.95);
            var covered = 0;
            var sample = new double[n];
            for (var draw = 0; draw < draws; draw++)
            {
                for (var i = 0; i < n; i++)
                {
                    sample[i] = distribution.Sample(random);
                }

                Array.Sort(sample);
                var interval = QuantileInterval.Compute(sample, 0.95, level);
                if (interval.Lower <= truth && truth <= interval.Upper)
                {
                    covered++;
                }
            }

            var coverage = (double)covered / draws;
            var standardError = Math.Sqrt(exact * (1 - exact) / draws);
            Assert.True(
                Math.Abs(coverage - exact) <= (4 * standardError) + 0.002,
                $"{distribution.Name}, n={n}, level {level}: coverage {coverage:P2}, exact {exact:P2}");
        }
    }
}
