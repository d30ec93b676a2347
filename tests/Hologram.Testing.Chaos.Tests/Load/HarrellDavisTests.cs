namespace Hologram.Testing.Chaos.Tests.Load;

public sealed class HarrellDavisTests
{
    [Theory]
    [InlineData(0.5, 2, 3, 0.6875)]
    [InlineData(0.3, 1, 1, 0.3)]
    [InlineData(0.9, 5, 0.5, 0.31664)]
    public void Incomplete_beta_matches_known_values(double x, double a, double b, double expected) =>
        Assert.Equal(expected, HarrellDavis.RegularizedIncompleteBeta(x, a, b), 3);

    [Fact]
    public void Median_of_a_symmetric_sample_is_its_centre()
    {
        Assert.Equal(3, HarrellDavis.Quantile([1, 2, 3, 4, 5], 0.5), 9);
        Assert.Equal(50.5, HarrellDavis.Quantile([.. Enumerable.Range(1, 100).Select(i => (double)i)], 0.5), 6);
    }

    [Fact]
    public void High_quantiles_sit_between_order_statistics_and_grow_with_p()
    {
        var sample = Enumerable.Range(1, 1000).Select(i => (double)i).ToList();
        var p95 = HarrellDavis.Quantile(sample, 0.95);
        var p99 = HarrellDavis.Quantile(sample, 0.99);

        Assert.InRange(p95, 945, 955);
        Assert.InRange(p99, 985, 995);
        Assert.True(p99 > p95);
        Assert.Equal(7, HarrellDavis.Quantile([7], 0.95));
        Assert.True(double.IsNaN(HarrellDavis.Quantile([], 0.5)));
    }
}
