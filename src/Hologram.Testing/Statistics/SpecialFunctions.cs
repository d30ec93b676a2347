namespace Hologram.Testing.Statistics;

/// <summary>The log-gamma and regularized incomplete beta functions the estimators need.</summary>
public static class SpecialFunctions
{
    private static readonly double[] LanczosCoefficients =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7; relative error about 1e-15).</summary>
    public static double LogGamma(double x)
    {
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        }

        x -= 1;
        var a = LanczosCoefficients[0];
        var t = x + 7.5;
        for (var i = 1; i < LanczosCoefficients.Length; i++)
        {
            a += LanczosCoefficients[i] / (x + i);
        }

        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(a);
    }

    /// <summary>The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz).</summary>
    public static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        // The continued fraction converges fast only below the mean; use the symmetry I_x(a,b) = 1 - I_{1-x}(b,a) above it.
        if (x > (a + 1) / (a + b + 2))
        {
            return 1 - RegularizedIncompleteBeta(1 - x, b, a);
        }

        var logFront = (a * Math.Log(x)) + (b * Math.Log(1 - x)) + LogGamma(a + b) - LogGamma(a) - LogGamma(b);
        var front = Math.Exp(logFront) / a;

        const double tiny = 1e-300;
        var f = 1.0;
        var c = 1.0;
        var d = 0.0;
        for (var i = 0; i <= 10_000; i++)
        {
            var m = i / 2;
            double numerator;
            if (i == 0)
            {
                numerator = 1;
            }
            else if (i % 2 == 0)
            {
                numerator = m * (b - m) * x / ((a + (2.0 * m) - 1) * (a + (2.0 * m)));
            }
            else
            {
                numerator = -((a + m) * (a + b + m) * x) / ((a + (2.0 * m)) * (a + (2.0 * m) + 1));
            }

            d = 1 + (numerator * d);
            if (Math.Abs(d) < tiny)
            {
                d = tiny;
            }

            d = 1 / d;
            c = 1 + (numerator / c);
            if (Math.Abs(c) < tiny)
            {
                c = tiny;
            }

            var cd = c * d;
            f *= cd;
            if (Math.Abs(1 - cd) < 1e-15)
            {
                break;
            }
        }

        return Math.Clamp(front * (f - 1), 0, 1);
    }

    /// <summary>P(B ≤ k) for B ~ Binomial(n, p).</summary>
    public static double BinomialCdf(int k, int n, double p)
    {
        if (k < 0)
        {
            return 0;
        }

        if (k >= n)
        {
            return 1;
        }

        return RegularizedIncompleteBeta(1 - p, n - k, k + 1);
    }
}
