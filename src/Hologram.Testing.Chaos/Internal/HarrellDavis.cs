namespace Hologram.Testing.Chaos;

/// <summary>
/// Harrell-Davis quantile estimates: a weighted sum of all order statistics with Beta((n+1)p, (n+1)(1-p)) weights.
/// The same estimator Hologram.Testing.Perf uses for budgets; kept here until the chaos package can take the shared one.
/// </summary>
internal static class HarrellDavis
{
    /// <summary>The <paramref name="p"/> quantile of <paramref name="sorted"/> (ascending).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1);
        var n = sorted.Count;
        if (n == 0)
        {
            return double.NaN;
        }

        if (n == 1 || p == 0)
        {
            return p == 1 ? sorted[n - 1] : sorted[0];
        }

        if (p == 1)
        {
            return sorted[n - 1];
        }

        var a = (n + 1) * p;
        var b = (n + 1) * (1 - p);
        var lnBeta = LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        var estimate = 0.0;
        var previous = 0.0;
        for (var i = 1; i <= n; i++)
        {
            var current = i == n ? 1.0 : RegularizedIncompleteBeta((double)i / n, a, b, lnBeta);
            estimate += (current - previous) * sorted[i - 1];
            previous = current;
        }

        return estimate;
    }

    /// <summary>I_x(a, b), by its continued fraction (modified Lentz), on the side where it converges fast.</summary>
    internal static double RegularizedIncompleteBeta(double x, double a, double b, double? lnBeta = null)
    {
        if (x <= 0)
        {
            return 0;
        }

        if (x >= 1)
        {
            return 1;
        }

        var logBeta = lnBeta ?? LogGamma(a) + LogGamma(b) - LogGamma(a + b);
        if (x > (a + 1) / (a + b + 2))
        {
            return 1 - RegularizedIncompleteBeta(1 - x, b, a, logBeta);
        }

        var front = Math.Exp((Math.Log(x) * a) + (Math.Log(1 - x) * b) - logBeta) / a;
        const double tiny = 1e-300;
        double f = 1, c = 1, d = 0;
        for (var i = 0; i <= 20_000; i++)
        {
            var m = i / 2;
            double numerator;
            if (i == 0)
            {
                numerator = 1;
            }
            else if (i % 2 == 0)
            {
                numerator = m * (b - m) * x / ((a + (2 * m) - 1) * (a + (2 * m)));
            }
            else
            {
                numerator = -((a + m) * (a + b + m) * x) / ((a + (2 * m)) * (a + (2 * m) + 1));
            }

            d = 1 + (numerator * d);
            d = 1 / (Math.Abs(d) < tiny ? tiny : d);
            c = 1 + (numerator / c);
            c = Math.Abs(c) < tiny ? tiny : c;
            var cd = c * d;
            f *= cd;
            if (Math.Abs(1 - cd) < 1e-13)
            {
                break;
            }
        }

        return Math.Clamp(front * (f - 1), 0, 1);
    }

    /// <summary>ln Γ(x) for x &gt; 0 (Lanczos, g = 7).</summary>
    internal static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5)
        {
            return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        }

        x -= 1;
        var sum = coefficients[0];
        for (var i = 1; i < coefficients.Length; i++)
        {
            sum += coefficients[i] / (x + i);
        }

        var t = x + 7.5;
        return (0.5 * Math.Log(2 * Math.PI)) + ((x + 0.5) * Math.Log(t)) - t + Math.Log(sum);
    }
}
