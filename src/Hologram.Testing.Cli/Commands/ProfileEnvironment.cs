using System.Globalization;

namespace Hologram.Testing.Cli.Commands;

/// <summary>The seed-compatible environment variables that select a profile and pin its values.</summary>
internal static class ProfileEnvironment
{
    private static readonly string[] StandardBudgets = ["verify", "encode", "gql"];

    public static IReadOnlyList<KeyValuePair<string, string>> For(HologramOptions options)
    {
        var lines = new List<KeyValuePair<string, string>> { new("HOLOGRAM_PROFILE", options.Profile) };
        var budgetNames = StandardBudgets.Where(options.Budgets.ContainsKey)
            .Concat(options.Budgets.Keys.Where(n => !StandardBudgets.Contains(n, StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal));
        foreach (var name in budgetNames)
        {
            lines.Add(new($"SLO_{name.ToUpperInvariant()}_P95_MS", Format(options.Budgets[name].P95Ms)));
        }

        lines.Add(new("GQL_SAMPLES", Format(options.Perf.Samples)));
        lines.Add(new("GQL_WARMUP", Format(options.Perf.Warmup)));
        lines.Add(new("ENC_MB", Format(options.Perf.PayloadMb)));
        lines.Add(new("REGRESSION_THRESHOLD_PCT", Format(options.Perf.RegressionThresholdPct)));
        lines.Add(new("HOLOGRAM__PERF__TIMEBUDGETMS", Format(options.Perf.TimeBudgetMs)));
        lines.Add(new("HOLOGRAM__RETRIES", Format(options.Retries)));
        lines.Add(new("HOLOGRAM__SKIPNOCI", options.SkipNoCi ? "true" : "false"));
        return lines;
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
