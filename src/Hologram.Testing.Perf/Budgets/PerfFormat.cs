using System.Globalization;

namespace Hologram.Testing.Perf.Budgets;

/// <summary>Formats durations and intervals for messages: three significant digits, ms or µs.</summary>
public static class PerfFormat
{
    /// <summary>The unit a duration is shown in: ms from 1 ms up, µs below.</summary>
    /// <param name="ms">A duration in milliseconds.</param>
    public static (double Scale, string Unit) UnitFor(double ms) =>
        Math.Abs(ms) < 1 && ms != 0 ? (1000, "µs") : (1, "ms");

    /// <summary>A number with three significant digits, invariant culture.</summary>
    /// <param name="value">The number.</param>
    public static string Number(double value)
    {
        if (double.IsPositiveInfinity(value))
        {
            return "∞";
        }

        if (double.IsNegativeInfinity(value))
        {
            return "-∞";
        }

        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "0" : magnitude >= 10 ? "0.#" : magnitude >= 1 ? "0.##" : "0.###";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>A duration in its unit, e.g. <c>9.81 ms</c> or <c>412 µs</c>.</summary>
    /// <param name="ms">A duration in milliseconds.</param>
    public static string Duration(double ms)
    {
        var (scale, unit) = UnitFor(ms);
        return $"{Number(ms * scale)} {unit}";
    }

    /// <summary>A confidence level as a percentage, e.g. <c>99%</c>.</summary>
    /// <param name="level">The level, e.g. 0.99.</param>
    public static string Level(double level) =>
        (level * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A byte count, e.g. <c>1,024 B</c>.</summary>
    /// <param name="bytes">The count.</param>
    public static string Bytes(double bytes) => bytes.ToString("#,0.#", CultureInfo.InvariantCulture) + " B";

    /// <summary><c>verify p95 = 9.8 ms (99% CI 9.4–10.3)</c>, in the unit of <paramref name="unitOf"/>.</summary>
    public static string P95(PerfResult result, double unitOf)
    {
        var (scale, unit) = UnitFor(unitOf);
        return $"{result.Name} p95 = {Number(result.P95 * scale)} {unit} ({Level(result.ConfidenceLevel)} CI {Number(result.P95Lower * scale)}–{Number(result.P95Upper * scale)})";
    }

    /// <summary><c>[profile main, n=100, warm]</c>.</summary>
    public static string Label(PerfResult result, bool remeasured) => Label(result, remeasured ? ", re-measured" : string.Empty);

    /// <summary><c>[profile main, n=100, warm</c> followed by <paramref name="extra"/> and <c>]</c>.</summary>
    internal static string Label(PerfResult result, string extra)
    {
        var phase = result.Phase == PerfPhase.Cold ? "cold" : result.JitSettled == false ? "warm, JIT not settled" : "warm";
        return $"[profile {result.Profile}, n={result.Count.ToString(CultureInfo.InvariantCulture)}, {phase}{extra}]";
    }
}
