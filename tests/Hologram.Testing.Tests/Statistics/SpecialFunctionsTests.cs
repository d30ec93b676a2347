using Hologram.Testing.Statistics;

namespace Hologram.Testing.Tests.Statistics;

public sealed class SpecialFunctionsTests
{
    [Theory]
    [InlineData(0.3, 1, 1, 0.3)]
    [InlineData(0.3, 2, 1, 0.09)]
    [InlineData(0.5, 7.5, 7.5, 0.5)]
    [InlineData(0.2, 1, 3, 0.488)]
    public void Incomplete_beta_matches_closed_forms(double x, double a, double b, double expected) =>
        Assert.Equal(expected, SpecialFunctions.RegularizedIncompleteBeta(x, a, b), 12);

    [Theory]
    [InlineData(20, 0.95)]
    [InlineData(100, 0.95)]
    [InlineData(57, 0.3)]
    public void Binomial_cdf_matches_the_direct_sum(int n, double p)
    {
        var cumulative = 0.0;
        for (var k = 0; k <= n; k++)
        {
            cumulative += Math.Exp(LogChoose(n, k) + (k * Math.Log(p)) + ((n - k) * Math.Log(1 - p)));
            Assert.Equal(cumulative, SpecialFunctions.BinomialCdf(k, n, p), 10);
        }
    }

    [Fact]
    public void Log_gamma_matches_factorials()
    {
        var factorial = 1.0;
        for (var n = 1; n < 30; n++)
        {
            factorial *= n;
            Assert.Equal(Math.Log(factorial), SpecialFunctions.LogGamma(n + 1), 9);
        }
    }

    private static double LogChoose(int n, int k) =>
        SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(k + 1) - SpecialFunctions.LogGamma(n - k + 1);
}
