using Hologram.Testing.Configuration;
namespace Hologram.Testing;

/// <summary>The effective Hologram settings: profile defaults, <c>hologram.json</c> and environment variables merged and validated.</summary>
public sealed class HologramOptions
{
    private static readonly IReadOnlyDictionary<string, string?> NoEnvironment = new Dictionary<string, string?>();

    internal HologramOptions()
    {
    }

    /// <summary>The active profile name, lower-case (<c>pr</c>, <c>main</c>, <c>nightly</c>, <c>dev</c> or a custom name).</summary>
    public string Profile { get; internal init; } = BuiltInProfiles.Dev;

    /// <summary>The nearest ancestor of the start directory containing <c>.git</c>, or the start directory itself; absolute.</summary>
    public string RepositoryRoot { get; internal init; } = string.Empty;

    /// <summary>The absolute path of the <c>hologram.json</c> that was used, or <see langword="null"/> when none was found.</summary>
    public string? ConfigFile { get; internal init; }

    /// <summary>The absolute reports directory (default <c>&lt;RepositoryRoot&gt;/reports</c>; relative values resolve against the repository root).</summary>
    public string ReportsDir { get; internal init; } = string.Empty;

    /// <summary>The history store: <c>sqlite:&lt;path&gt;</c> or a PostgreSQL connection string / URL, as configured.</summary>
    public string Store { get; internal init; } = BuiltInProfiles.DefaultStore;

    /// <summary>Extra attempts for a failed test.</summary>
    public int Retries { get; internal init; }

    /// <summary>Whether tests marked <c>[NoCi]</c> are skipped automatically.</summary>
    public bool SkipNoCi { get; internal init; }

    /// <summary>How long a service probe may take to connect before the service counts as absent (<c>ServiceConnectTimeoutMs</c>, default 500 ms).</summary>
    public TimeSpan ServiceConnectTimeout { get; internal init; } = TimeSpan.FromMilliseconds(BuiltInProfiles.DefaultServiceConnectTimeoutMs);

    /// <summary>Flake detection and quarantine policy.</summary>
    public FlakeSettings Flake { get; internal init; } = new();

    /// <summary>How failed tests are retried: delay and backoff, which failures, the run's retry budget, only known flaky tests.</summary>
    public RetrySettings Retry { get; internal init; } = new();

    /// <summary>History store retention and size limit.</summary>
    public HistorySettings History { get; internal init; } = new();

    /// <summary>Latency measurement settings.</summary>
    public PerfSettings Perf { get; internal init; } = new();

    /// <summary>Latency budgets by measurement name (case-insensitive; names are stored lower-case).</summary>
    public IReadOnlyDictionary<string, BudgetSettings> Budgets { get; internal init; } = new Dictionary<string, BudgetSettings>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Service endpoints by name (case-insensitive), e.g. <c>IPFS_API</c>.</summary>
    public IReadOnlyDictionary<string, string> Services { get; internal init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The shard this process runs, or <see langword="null"/> to run every test.</summary>
    public ShardSpec? Shard { get; internal init; }

    /// <summary>Secret redaction settings: the baseline of known-fake values the redactor leaves alone.</summary>
    public SecuritySettings Security { get; internal init; } = new();

    /// <summary>The winning value of every setting with its origin, in key order.</summary>
    public IReadOnlyList<ConfigValue> Provenance { get; internal init; } = [];

    /// <summary>Profiles defined in <c>hologram.json</c>, in file order.</summary>
    internal IReadOnlyList<string> CustomProfileNames { get; init; } = [];

    /// <summary>The environment the options were loaded from, for <see cref="TryGetService"/>.</summary>
    internal IReadOnlyDictionary<string, string?> Environment { get; init; } = NoEnvironment;

    /// <summary>
    /// Looks up a service endpoint: <c>Services:&lt;name&gt;</c> first, then the environment variable <paramref name="name"/>.
    /// </summary>
    /// <param name="name">The service name, e.g. <c>IPFS_API</c>.</param>
    /// <param name="endpoint">The endpoint when found; otherwise an empty string.</param>
    /// <returns><see langword="true"/> when the service is configured.</returns>
    public bool TryGetService(string name, out string endpoint)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (Services.TryGetValue(name, out var configured))
        {
            endpoint = configured;
            return true;
        }

        if (Environment.TryGetValue(name, out var raw) && !string.IsNullOrWhiteSpace(raw))
        {
            endpoint = raw.Trim();
            return true;
        }

        endpoint = string.Empty;
        return false;
    }
}
