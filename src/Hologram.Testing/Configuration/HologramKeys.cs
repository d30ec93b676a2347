namespace Hologram.Testing.Configuration;

/// <summary>The shape of the <c>Hologram</c> configuration section: which keys exist and how they are spelled.</summary>
internal static class HologramKeys
{
    public const string Section = "Hologram";
    public const string Profile = "Profile";
    public const string ReportsDir = "ReportsDir";
    public const string Store = "Store";
    public const string Retries = "Retries";
    public const string SkipNoCi = "SkipNoCi";
    public const string ServiceConnectTimeoutMs = "ServiceConnectTimeoutMs";
    public const string Shard = "Shard";
    public const string FlakeWindowDays = "Flake:WindowDays";
    public const string FlakeQuarantineAfter = "Flake:QuarantineAfter";
    public const string FlakeReleaseAfter = "Flake:ReleaseAfter";
    public const string RetryDelayMs = "Retry:DelayMs";
    public const string RetryBackoff = "Retry:Backoff";
    public const string RetryMaxDelayMs = "Retry:MaxDelayMs";
    public const string RetryJitter = "Retry:Jitter";
    public const string RetryExceptionTypes = "Retry:ExceptionTypes";
    public const string RetryMessagePatterns = "Retry:MessagePatterns";
    public const string RetryMaxFailedTests = "Retry:MaxFailedTests";
    public const string RetryMaxFailedTestsPercent = "Retry:MaxFailedTestsPercent";
    public const string RetryOnlyKnownFlaky = "Retry:OnlyKnownFlaky";
    public const string HistoryRetentionDays = "History:RetentionDays";
    public const string HistoryMaxSizeMb = "History:MaxSizeMb";
    public const string PerfSamples = "Perf:Samples";
    public const string PerfWarmup = "Perf:Warmup";
    public const string PerfPayloadMb = "Perf:PayloadMb";
    public const string PerfRegressionThresholdPct = "Perf:RegressionThresholdPct";
    public const string PerfTimeBudgetMs = "Perf:TimeBudgetMs";
    public const string SecuritySecretsBaseline = "Security:SecretsBaseline";
    public const string Budgets = "Budgets";
    public const string Services = "Services";
    public const string Profiles = "Profiles";
    public const string Base = "Base";
    public const string P95Ms = "P95Ms";

    /// <summary>Keys inside a <c>Profiles:&lt;name&gt;</c> object.</summary>
    // Declared first: the file root refers to it while being built.
    public static KeyNode ProfileRoot { get; } = CreateRoot(KeyScope.Profile);

    /// <summary>Keys directly under <c>Hologram</c> in <c>hologram.json</c>.</summary>
    public static KeyNode FileRoot { get; } = CreateRoot(KeyScope.File);

    /// <summary>Keys reachable through <c>HOLOGRAM__…</c> environment variables (no <c>Profiles</c>).</summary>
    public static KeyNode EnvironmentRoot { get; } = CreateRoot(KeyScope.Environment);

    public static string BudgetKey(string name) => $"{Budgets}:{name}:{P95Ms}";

    public static string ServiceKey(string name) => $"{Services}:{name}";

    private static KeyNode CreateRoot(KeyScope scope)
    {
        var root = new KeyNode();
        if (scope != KeyScope.Profile)
        {
            root.Add(Profile, KeyNode.Leaf());
        }
        else
        {
            root.Add(Base, KeyNode.Leaf());
        }

        foreach (var leaf in new[] { ReportsDir, Store, Retries, SkipNoCi, ServiceConnectTimeoutMs, Shard })
        {
            root.Add(leaf, KeyNode.Leaf());
        }

        root.Add("Flake", KeyNode.Object("WindowDays", "QuarantineAfter", "ReleaseAfter"));
        var retry = KeyNode.Object("DelayMs", "Backoff", "MaxDelayMs", "Jitter", "MaxFailedTests", "MaxFailedTestsPercent", "OnlyKnownFlaky");
        retry.Add("ExceptionTypes", KeyNode.List());
        retry.Add("MessagePatterns", KeyNode.List());
        root.Add("Retry", retry);
        root.Add("History", KeyNode.Object("RetentionDays", "MaxSizeMb"));
        root.Add("Perf", KeyNode.Object("Samples", "Warmup", "PayloadMb", "RegressionThresholdPct", "TimeBudgetMs"));
        root.Add("Security", KeyNode.Object("SecretsBaseline"));
        root.Add(Budgets, KeyNode.Map(KeyNode.Object(P95Ms), NameCase.Lower));
        root.Add(Services, KeyNode.Map(KeyNode.Leaf(), NameCase.AsWritten));
        if (scope == KeyScope.File)
        {
            root.Add(Profiles, KeyNode.Map(ProfileRoot, NameCase.Lower));
        }

        return root;
    }

    private enum KeyScope
    {
        File,
        Environment,
        Profile,
    }
}
