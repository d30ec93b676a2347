namespace Hologram.Testing.Perf.Statistics;

/// <summary>The standard normal distribution: upper tail and quantile, accurate to about 1e-7 relative.</summary>
internal static class Normal
{
    /// <summary>P(Z &gt; <paramref name="x"/>) for a standard normal Z.</summary>
    public static double UpperTail(double x) => 0.5 * Erfc(x / Math.Sqrt(2));

    /// <summary>The standard normal quantile, by bisection on the upper tail.</summary>
    public static double Quantile(double p)
    {
        double low = -12, high = 12;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (1 - UpperTail(mid) < p)
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

    /// <summary>The complementary error function (Chebyshev fit, fractional error below 1.2e-7).</summary>
    private static double Erfc(double x)
    {
        var z = Math.Abs(x);
        var t = 1 / (1 + (0.5 * z));
        var poly = -1.26551223 + (t * (1.00002368 + (t * (0.37409196 + (t * (0.09678418 + (t * (-0.18628806 + (t * (0.27886807
            + (t * (-1.13520398 + (t * (1.48851587 + (t * (-0.82215223 + (t * 0.17087277)))))))))))))))));
        var value = t * Math.Exp((-z * z) + poly);
        return x >= 0 ? value : 2 - value;
    }
}
