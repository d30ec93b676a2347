using System.Globalization;

namespace Hologram.Testing.Configuration;

/// <summary>The built-in profiles <c>pr</c>, <c>main</c>, <c>nightly</c> and <c>dev</c> and the settings shared by all of them.</summary>
internal static class BuiltInProfiles
{
    public const string Pr = "pr";
    public const string Main = "main";
    public const string Nightly = "nightly";
    public const string Dev = "dev";

    public const string DefaultReportsDir = "reports";
    public const string DefaultStore = "sqlite:" + DefaultReportsDir + "/" + Reports.ReportsLayout.StoreFileName;
    public const int DefaultServiceConnectTimeoutMs = 500;

    /// <summary>Built-in names in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [Pr, Main, Nightly, Dev];

    private static readonly Dictionary<string, Definition> Definitions = new(StringComparer.OrdinalIgnoreCase)
    {
        [Pr] = new(VerifyMs: 15, EncodeMs: 150, GqlMs: 150, Samples: 20, Warmup: 3, PayloadMb: 1, SkipNoCi: true, Retries: 2, TimeBudgetMs: 1000),
        [Main] = new(VerifyMs: 8, EncodeMs: 80, GqlMs: 80, Samples: 100, Warmup: 10, PayloadMb: 4, SkipNoCi: true, Retries: 2, TimeBudgetMs: 2000),
        [Nightly] = new(VerifyMs: 10, EncodeMs: 100, GqlMs: 100, Samples: 100, Warmup: 10, PayloadMb: 4, SkipNoCi: false, Retries: 2, TimeBudgetMs: 5000),
        [Dev] = new(VerifyMs: 50, EncodeMs: 500, GqlMs: 500, Samples: 20, Warmup: 3, PayloadMb: 1, SkipNoCi: false, Retries: 0, TimeBudgetMs: 1000),
    };

    public static bool IsBuiltIn(string name) => Definitions.ContainsKey(name);

    /// <summary>The defaults layer of a built-in profile; <paramref name="activeName"/> is the custom profile based on it, if any.</summary>
    public static IReadOnlyList<ConfigValue> Defaults(string builtInName, string activeName)
    {
        var d = Definitions[builtInName];
        var origin = string.Equals(builtInName, activeName, StringComparison.OrdinalIgnoreCase)
            ? $"profile '{builtInName}' defaults"
            : $"profile '{builtInName}' defaults, the base of '{activeName}'";
        const string shared = "built-in default";

        return
        [
            Value(HologramKeys.ReportsDir, DefaultReportsDir, shared),
            Value(HologramKeys.Store, DefaultStore, shared),
            Value(HologramKeys.Retries, Format(d.Retries), origin),
            Value(HologramKeys.SkipNoCi, d.SkipNoCi ? "true" : "false", origin),
            Value(HologramKeys.ServiceConnectTimeoutMs, Format(DefaultServiceConnectTimeoutMs), shared),
            Value(HologramKeys.FlakeWindowDays, "7", shared),
            Value(HologramKeys.FlakeQuarantineAfter, "2", shared),
            Value(HologramKeys.FlakeReleaseAfter, "10", shared),
            Value(HologramKeys.RetryDelayMs, "0", shared),
            Value(HologramKeys.RetryBackoff, "constant", shared),
            Value(HologramKeys.RetryMaxDelayMs, "0", shared),
            Value(HologramKeys.RetryJitter, "false", shared),
            Value(HologramKeys.RetryMaxFailedTests, "0", shared),
            Value(HologramKeys.RetryMaxFailedTestsPercent, "0", shared),
            Value(HologramKeys.RetryOnlyKnownFlaky, "false", shared),
            Value(HologramKeys.HistoryRetentionDays, "0", shared),
            Value(HologramKeys.HistoryMaxSizeMb, "0", shared),
            Value(HologramKeys.PerfSamples, Format(d.Samples), origin),
            Value(HologramKeys.PerfWarmup, Format(d.Warmup), origin),
            Value(HologramKeys.PerfPayloadMb, Format(d.PayloadMb), origin),
            Value(HologramKeys.PerfRegressionThresholdPct, "10", shared),
            Value(HologramKeys.PerfTimeBudgetMs, Format(d.TimeBudgetMs), origin),
            Value(HologramKeys.BudgetKey("verify"), Format(d.VerifyMs), origin),
            Value(HologramKeys.BudgetKey("encode"), Format(d.EncodeMs), origin),
            Value(HologramKeys.BudgetKey("gql"), Format(d.GqlMs), origin),
        ];
    }

    private static ConfigValue Value(string key, string value, string origin) => new(key, value, origin, key);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Definition(double VerifyMs, double EncodeMs, double GqlMs, int Samples, int Warmup, double PayloadMb, bool SkipNoCi, int Retries, int TimeBudgetMs);
}
