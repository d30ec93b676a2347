namespace Hologram.Testing.Perf.Tests.Trends;

/// <summary>Synthetic perf histories: log-normal run-to-run noise, optional single outliers, known shifts.</summary>
internal static class SyntheticHistory
{
    /// <summary>
    /// <paramref name="length"/> p95 values around <paramref name="level"/> ms with coefficient of variation
    /// <paramref name="cv"/>; from each index in <paramref name="shifts"/> on the level is multiplied by its factor; each point
    /// is, with probability <paramref name="outlierRate"/>, a single outlier 1.5–3× its level.
    /// </summary>
    public static double[] Make(Random random, int length, double level, double cv, double outlierRate, params (int At, double Factor)[] shifts)
    {
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            var current = level;
            foreach (var (at, factor) in shifts)
            {
                if (i >= at)
                {
                    current *= factor;
                }
            }

            values[i] = current * Math.Exp(cv * Normal(random));
            if (random.NextDouble() < outlierRate)
            {
                values[i] *= 1.5 + (1.5 * random.NextDouble());
            }
        }

        return values;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
