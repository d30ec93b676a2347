using Hologram.Testing.History.Storage;
using Hologram.Testing.Sdk.Internal;
using Hologram.Testing.Security;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Hologram.Testing.Configuration;

/// <summary>Reads the merged configuration into <see cref="HologramOptions"/>, validating each value against its origin.</summary>
internal sealed partial class OptionsReader(IConfigurationRoot root, string repositoryRoot)
{
    private readonly List<ConfigValue> provenance = [];

    public HologramOptions Read(ConfigValue profile, string? configFile, IReadOnlyList<string> customProfiles, IReadOnlyDictionary<string, string?> environment)
    {
        provenance.Add(profile);
        var reportsDir = ReadReportsDir();
        var store = ReadStore();
        var retries = ReadInt(HologramKeys.Retries, minimum: 0);
        var skipNoCi = ReadBool(HologramKeys.SkipNoCi);
        var connectTimeoutMs = ReadInt(HologramKeys.ServiceConnectTimeoutMs, minimum: 1, "milliseconds");
        var flake = new FlakeSettings
        {
            WindowDays = ReadInt(HologramKeys.FlakeWindowDays, minimum: 1, "days"),
            QuarantineAfter = ReadInt(HologramKeys.FlakeQuarantineAfter, minimum: 1),
            ReleaseAfter = ReadInt(HologramKeys.FlakeReleaseAfter, minimum: 1),
        };
        var retry = ReadRetry();
        var history = new HistorySettings
        {
            RetentionDays = ReadInt(HologramKeys.HistoryRetentionDays, minimum: 0, "days"),
            MaxSizeMb = ReadInt(HologramKeys.HistoryMaxSizeMb, minimum: 0, "megabytes"),
        };
        var perf = new PerfSettings
        {
            Samples = ReadInt(HologramKeys.PerfSamples, minimum: 1),
            Warmup = ReadInt(HologramKeys.PerfWarmup, minimum: 0),
            PayloadMb = ReadPositive(HologramKeys.PerfPayloadMb, "megabytes"),
            RegressionThresholdPct = ReadPositive(HologramKeys.PerfRegressionThresholdPct, "percent"),
            TimeBudgetMs = ReadInt(HologramKeys.PerfTimeBudgetMs, minimum: 0, "milliseconds"),
        };
        var budgets = ReadBudgets();
        var services = ReadServices();
        var shard = ReadShard();
        var security = ReadSecurity();

        return new HologramOptions
        {
            Profile = profile.Value,
            RepositoryRoot = repositoryRoot,
            ConfigFile = configFile,
            ReportsDir = reportsDir,
            Store = store,
            Retries = retries,
            SkipNoCi = skipNoCi,
            ServiceConnectTimeout = TimeSpan.FromMilliseconds(connectTimeoutMs),
            Flake = flake,
            Retry = retry,
            History = history,
            Perf = perf,
            Budgets = budgets,
            Services = services,
            Shard = shard,
            Security = security,
            CustomProfileNames = customProfiles,
            Environment = environment,
            Provenance = [.. provenance.OrderBy(v => v.Key == HologramKeys.Profile ? 0 : 1).ThenBy(v => v.Key, StringComparer.OrdinalIgnoreCase)],
        };
    }

    /// <summary>The winning value of <paramref name="key"/> (without the <c>Hologram:</c> prefix) and where it came from.</summary>
    private ConfigValue? Find(string key)
    {
        foreach (var provider in root.Providers.Reverse())
        {
            if (provider is LayerConfigurationProvider layer && layer.TryGetEntry(key, out var entry))
            {
                return entry;
            }
        }

        return null;
    }

    private ConfigValue Require(string key)
    {
        var value = Find(key) ?? throw new InvalidOperationException($"No value for '{key}', not even a built-in default.");
        provenance.Add(value);
        return value;
    }

    private static HologramConfigurationException Invalid(ConfigValue value, string problem) =>
        new(value.Key, value.Value, value.Origin, $"{value.SourceKey}='{value.Value}' ({value.Origin}) {problem}");

    private string ReadReportsDir()
    {
        var value = Require(HologramKeys.ReportsDir);
        if (string.IsNullOrWhiteSpace(value.Value))
        {
            throw Invalid(value, "must not be empty");
        }

        try
        {
            return Path.GetFullPath(Path.Combine(repositoryRoot, value.Value.Trim()));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(value, $"is not a valid directory path: {ex.Message}");
        }
    }

    private string ReadStore()
    {
        var value = Require(HologramKeys.Store);
        var text = value.Value.Trim();
        if (text.Length == 0)
        {
            throw Invalid(value, "must not be empty");
        }

        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) && text.Length == "sqlite:".Length)
        {
            throw Invalid(value, "needs a file path after 'sqlite:', e.g. 'sqlite:reports/hologram.db'");
        }

        if (!string.Equals(text, "none", StringComparison.OrdinalIgnoreCase) && StoreLocation.Problem(text) is { } problem)
        {
            // A value no store can be opened from is a configuration error, not a store outage to spool through.
            var masked = StoreLocation.Mask(value.Value);
            throw new HologramConfigurationException(value.Key, masked, value.Origin, $"{value.SourceKey}='{masked}' ({value.Origin}) {problem}");
        }

        return text;
    }

    private int ReadInt(string key, int minimum, string? unit = null)
    {
        var value = Require(key);
        var what = unit is null ? "a whole number" : $"a whole number of {unit}";
        if (!int.TryParse(value.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var number))
        {
            throw Invalid(value, $"is not {what}");
        }

        return number >= minimum
            ? number
            : throw Invalid(value, string.Create(CultureInfo.InvariantCulture, $"must be {what}, at least {minimum}"));
    }

    private double ReadPositive(string key, string unit)
    {
        var value = Require(key);
        return ParsePositive(value, unit);
    }

    private static double ParsePositive(ConfigValue value, string unit)
    {
        if (!double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw Invalid(value, $"is not a number of {unit}");
        }

        return number > 0 ? number : throw Invalid(value, $"must be a positive number of {unit}");
    }

    private RetrySettings ReadRetry()
    {
        var backoff = Require(HologramKeys.RetryBackoff);
        return new RetrySettings
        {
            Delay = TimeSpan.FromMilliseconds(ReadInt(HologramKeys.RetryDelayMs, minimum: 0, "milliseconds")),
            Backoff = RetryRules.ParseBackoff(backoff.Value) ?? throw Invalid(backoff, "is not a backoff; use constant, linear or exponential"),
            MaxDelay = TimeSpan.FromMilliseconds(ReadInt(HologramKeys.RetryMaxDelayMs, minimum: 0, "milliseconds")),
            Jitter = ReadBool(HologramKeys.RetryJitter),
            ExceptionTypes = ReadList(HologramKeys.RetryExceptionTypes, FailureFilter.TypeNameProblem),
            MessagePatterns = ReadList(HologramKeys.RetryMessagePatterns, FailureFilter.PatternProblem),
            MaxFailedTests = ReadInt(HologramKeys.RetryMaxFailedTests, minimum: 0),
            MaxFailedTestsPercent = ReadPercent(HologramKeys.RetryMaxFailedTestsPercent),
            OnlyKnownFlaky = ReadBool(HologramKeys.RetryOnlyKnownFlaky),
        };
    }

    /// <summary>
    /// A list value: a JSON array (one item per element) or one string of items separated by <c>;</c>; blank items are
    /// dropped; <paramref name="problem"/> names what is wrong with an item, or returns null.
    /// </summary>
    private List<string> ReadList(string key, Func<string, string?> problem)
    {
        var value = Find(key);
        if (value is null)
        {
            return [];
        }

        var items = value.Value.StartsWith(HologramJsonFile.ListMarker, StringComparison.Ordinal)
            ? value.Value[HologramJsonFile.ListMarker.Length..].Split(HologramJsonFile.ListMarker)
            : value.Value.Split(';');
        var list = new List<string>();
        foreach (var item in items.Select(i => i.Trim()).Where(i => i.Length > 0))
        {
            if (problem(item) is { } wrong)
            {
                throw new HologramConfigurationException(value.Key, item, value.Origin, $"{value.SourceKey} item '{item}' ({value.Origin}) {wrong}");
            }

            list.Add(item);
        }

        // Shown on one line by 'hologram config', whichever way it was written.
        provenance.Add(value with { Value = string.Join("; ", list) });
        return list;
    }

    private double ReadPercent(string key)
    {
        var value = Require(key);
        if (!double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            throw Invalid(value, "is not a number of percent");
        }

        return number is >= 0 and <= 100 ? number : throw Invalid(value, "must be a percentage between 0 and 100");
    }

    private bool ReadBool(string key)
    {
        var value = Require(key);
        return value.Value.Trim().ToUpperInvariant() switch
        {
            "TRUE" or "1" => true,
            "FALSE" or "0" => false,
            _ => throw Invalid(value, "is not true or false"),
        };
    }

    private Dictionary<string, BudgetSettings> ReadBudgets()
    {
        var budgets = new Dictionary<string, BudgetSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in root.GetSection($"{HologramKeys.Section}:{HologramKeys.Budgets}").GetChildren())
        {
            var name = child.Key.ToLowerInvariant();
            var value = Require(HologramKeys.BudgetKey(name));
            if (!BudgetNamePattern().IsMatch(name))
            {
                throw new HologramConfigurationException(
                    value.Key,
                    value.Value,
                    value.Origin,
                    $"{value.SourceKey}='{value.Value}' ({value.Origin}) has an invalid budget name '{name}'; use letters, digits and '_'");
            }

            budgets[name] = new BudgetSettings { P95Ms = ParsePositive(value, "milliseconds") };
        }

        return budgets;
    }

    private Dictionary<string, string> ReadServices()
    {
        var services = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var child in root.GetSection($"{HologramKeys.Section}:{HologramKeys.Services}").GetChildren())
        {
            var value = Require(HologramKeys.ServiceKey(child.Key));
            var endpoint = value.Value.Trim();
            if (!IsEndpoint(endpoint))
            {
                throw Invalid(value, "is not a URL or host:port (e.g. 'http://127.0.0.1:5001' or '127.0.0.1:5001')");
            }

            services[child.Key] = endpoint;
        }

        return services;
    }

    private ShardSpec? ReadShard()
    {
        var value = Find(HologramKeys.Shard);
        if (value is null)
        {
            return null;
        }

        provenance.Add(value);
        try
        {
            return ShardSpec.Parse(value.Value);
        }
        catch (FormatException ex)
        {
            var reason = ex.Message;
            var colon = reason.IndexOf(": ", StringComparison.Ordinal);
            throw Invalid(value, $"is not a valid shard: {(colon >= 0 ? reason[(colon + 2)..] : reason)}");
        }
    }

    private SecuritySettings ReadSecurity()
    {
        var value = Find(HologramKeys.SecuritySecretsBaseline);
        if (value is null)
        {
            return new SecuritySettings();
        }

        provenance.Add(value);
        if (string.IsNullOrWhiteSpace(value.Value))
        {
            throw Invalid(value, "must not be empty");
        }

        string path;
        try
        {
            path = Path.GetFullPath(Path.Combine(repositoryRoot, value.Value.Trim()));
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw Invalid(value, $"is not a valid file path: {ex.Message}");
        }

        if (!File.Exists(path))
        {
            throw Invalid(value, $"names a file that does not exist ({path}); create it with 'hologram secrets allow <paths> --baseline {value.Value.Trim()}'");
        }

        try
        {
            return new SecuritySettings { SecretsBaseline = path, AllowList = SecretAllowList.Load(path) };
        }
        catch (InvalidDataException ex)
        {
            throw Invalid(value, $"cannot be used: {ex.Message}");
        }
    }

    internal static bool IsEndpoint(string text)
    {
        var hostPort = HostPortPattern().Match(text);
        if (hostPort.Success)
        {
            return int.TryParse(hostPort.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && !uri.IsFile && !uri.IsUnc && !string.IsNullOrEmpty(uri.Host);
    }

    [GeneratedRegex("^[a-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex BudgetNamePattern();

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?):(?<port>[0-9]{1,5})$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPortPattern();
}
