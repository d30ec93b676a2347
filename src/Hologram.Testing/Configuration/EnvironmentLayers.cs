using System.Text.RegularExpressions;

namespace Hologram.Testing.Configuration;

/// <summary>Turns environment variables into configuration layers: seed-compatible names and <c>HOLOGRAM__…</c> names.</summary>
internal static partial class EnvironmentLayers
{
    public const string HologramPrefix = "HOLOGRAM__";

    /// <summary>Seed-compatible names with a fixed key. <c>SLO_&lt;NAME&gt;_P95_MS</c> is handled by pattern.</summary>
    public static IReadOnlyList<(string Variable, string Key)> SeedNames { get; } =
    [
        ("HOLOGRAM_PROFILE", HologramKeys.Profile),
        ("HOLOGRAM_REPORTS_DIR", HologramKeys.ReportsDir),
        ("HOLOGRAM_STORE", HologramKeys.Store),
        ("HOLOGRAM_SHARD", HologramKeys.Shard),
        ("HOLOGRAM_SECRETS_BASELINE", HologramKeys.SecuritySecretsBaseline),
        ("GQL_SAMPLES", HologramKeys.PerfSamples),
        ("GQL_WARMUP", HologramKeys.PerfWarmup),
        ("ENC_MB", HologramKeys.PerfPayloadMb),
        ("REGRESSION_THRESHOLD_PCT", HologramKeys.PerfRegressionThresholdPct),
        ("IPFS_API", HologramKeys.ServiceKey("IPFS_API")),
        ("GRAPHQL_URL", HologramKeys.ServiceKey("GRAPHQL_URL")),
    ];

    /// <summary>The seed-compatible layer. Empty values count as unset.</summary>
    public static List<ConfigValue> Seed(IReadOnlyDictionary<string, string?> environment)
    {
        var values = new List<ConfigValue>();
        foreach (var (variable, key) in SeedNames)
        {
            if (environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value))
            {
                values.Add(new ConfigValue(key, value.Trim(), Origin(variable), variable));
            }
        }

        foreach (var (variable, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var match = SloPattern().Match(variable);
            if (match.Success)
            {
                var name = match.Groups["name"].Value.ToLowerInvariant();
                values.Add(new ConfigValue(HologramKeys.BudgetKey(name), value.Trim(), Origin(variable), variable));
            }
        }

        return values;
    }

    /// <summary>The <c>HOLOGRAM__SECTION__KEY</c> layer (prefix and keys case-insensitive). Empty values count as unset.</summary>
    public static List<ConfigValue> Hologram(IReadOnlyDictionary<string, string?> environment)
    {
        var values = new List<ConfigValue>();
        foreach (var (variable, value) in environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!variable.StartsWith(HologramPrefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            var segments = variable[HologramPrefix.Length..].Split("__");
            var node = HologramKeys.EnvironmentRoot;
            var canonical = new List<string>();
            foreach (var segment in segments)
            {
                if (node.IsLeaf || !node.TryGetChild(segment, out var name, out var child))
                {
                    var suggestion = node.IsLeaf ? null : node.Suggest(segment);
                    var hint = suggestion is null
                        ? string.Empty
                        : $"; did you mean {HologramPrefix}{string.Join("__", canonical.Append(suggestion)).ToUpperInvariant()}?";
                    throw new HologramConfigurationException(
                        string.Join(':', canonical.Append(segment)),
                        value,
                        Origin(variable),
                        $"{variable}='{value}' ({Origin(variable)}) is not a known setting{hint}");
                }

                canonical.Add(name);
                node = child;
            }

            if (!node.IsLeaf)
            {
                throw new HologramConfigurationException(
                    string.Join(':', canonical),
                    value,
                    Origin(variable),
                    $"{variable}='{value}' ({Origin(variable)}) names a section, not a setting; add the setting name, e.g. {HologramPrefix}FLAKE__WINDOWDAYS");
            }

            values.Add(new ConfigValue(string.Join(':', canonical), value.Trim(), Origin(variable), variable));
        }

        return values;
    }

    public static string Origin(string variable) => $"environment variable {variable}";

    [GeneratedRegex("^SLO_(?<name>.+)_P95_MS$", RegexOptions.CultureInvariant)]
    private static partial Regex SloPattern();
}
