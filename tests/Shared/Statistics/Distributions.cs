namespace Hologram.Testing.TestSupport.Statistics;

/// <summary>Seeded synthetic latency distributions with known quantiles.</summary>
internal abstract class Distribution
{
    public abstract string Name { get; }

    public abstract double Sample(Random random);

    public abstract double Quantile(double p);

    private static double Horner(double[] coefficients, double x)
    {
        var sum = 0.0;
        foreach (var coefficient in coefficients)
        {
            sum = (sum * x) + coefficient;
        }

        return sum;
    }

    protected static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Inverse standard normal CDF (Acklam's rational approximation, relative error about 1e-9).</summary>
    protected static double NormalQuantile(double p)
    {
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        if (p < 0.02425)
        {
            var q = Math.Sqrt(-2 * Math.Log(p));
            return Horner(c, q) / ((Horner(d, q) * q) + 1);
        }

        if (p > 1 - 0.02425)
        {
            return -NormalQuantile(1 - p);
        }

        var r = p - 0.5;
        var s = r * r;
        return Horner(a, s) * r / ((Horner(b, s) * s) + 1);
    }
}

/// <summary>Log-normal latency around 5 ms (σ = 0.5).</summary>
internal sealed class LogNormal : Distribution
{
    public override string Name => "log-normal";

    public override double Sample(Random random) => 5 * Math.Exp(0.5 * Normal(random));

    public override double Quantile(double p) => 5 * Math.Exp(0.5 * NormalQuantile(p));
}

/// <summary>Bimodal: 80% fast path U(1, 2) ms, 20% slow path U(10, 12) ms.</summary>
internal sealed class Bimodal : Distribution
{
    public override string Name => "bimodal";

    public override double Sample(Random random) =>
        random.NextDouble() < 0.8 ? 1 + random.NextDouble() : 10 + (2 * random.NextDouble());

    public override double Quantile(double p) => p <= 0.8 ? 1 + (p / 0.8) : 10 + (2 * (p - 0.8) / 0.2);
}

/// <summary>Heavy tail: 1 ms + Pareto(scale 1 ms, shape 1.5) — infinite variance.</summary>
internal sealed class HeavyTail : Distribution
{
    public override string Name => "heavy tail";

    public override double Sample(Random random) => 1 + Math.Pow(1 - random.NextDouble(), -1 / 1.5);

    public override double Quantile(double p) => 1 + Math.Pow(1 - p, -1 / 1.5);
}
