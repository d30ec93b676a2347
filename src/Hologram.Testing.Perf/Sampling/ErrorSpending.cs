using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf.Sampling;

/// <summary>
/// The Lan–DeMets error-spending function of O'Brien–Fleming type: of the total error α = 1 − level, the part
/// α(t) = 2 − 2Φ(z<sub>1−α/2</sub> / √t) may be spent by information fraction t (the share of the largest sample the
/// time budget allows). Early looks get almost nothing, the last look almost all of α.
/// </summary>
internal static class ErrorSpending
{
    /// <summary>α(t) for the two-sided level <paramref name="level"/>: 0 at t ≤ 0, 1 − level at t ≥ 1.</summary>
    public static double Spent(double level, double t)
    {
        var alpha = 1 - level;
        if (t >= 1)
        {
            return alpha;
        }

        if (t <= 0)
        {
            return 0;
        }

        var z = Normal.Quantile(1 - (alpha / 2));
        return Math.Min(alpha, 2 * Normal.UpperTail(z / Math.Sqrt(t)));
    }
}
