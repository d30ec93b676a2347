using Microsoft.Extensions.Configuration;
using Hologram.Testing.Configuration;

namespace Hologram.Testing;

/// <summary>
/// Loads <see cref="HologramOptions"/> from, later winning: built-in profile defaults, <c>hologram.json</c>,
/// seed-compatible environment variables (<c>HOLOGRAM_PROFILE</c>, <c>SLO_VERIFY_P95_MS</c>, …) and <c>HOLOGRAM__…</c> variables.
/// </summary>
public static class HologramConfiguration
{
    /// <summary>Loads and validates the options.</summary>
    /// <param name="source">Where to look; <see langword="null"/> uses the test assembly's folder and the process environment.</param>
    /// <returns>The effective options.</returns>
    /// <exception cref="HologramConfigurationException">A value is malformed, out of range or unknown; the message is one line.</exception>
    public static HologramOptions Load(HologramConfigurationSource? source = null) =>
        LoadCore(source ?? new HologramConfigurationSource(), profileOverride: null, includeEnvironment: true);

    /// <summary>The profile names that can be selected: the built-in ones, then those defined in <paramref name="options"/>' <c>hologram.json</c>.</summary>
    /// <param name="options">Loaded options whose custom profiles to include; <see langword="null"/> lists the built-in profiles only.</param>
    /// <returns>Lower-case profile names.</returns>
    public static IReadOnlyList<string> ProfileNames(HologramOptions? options = null)
    {
        if (options is null)
        {
            return BuiltInProfiles.Names;
        }

        return [.. BuiltInProfiles.Names, .. options.CustomProfileNames.Where(n => !BuiltInProfiles.IsBuiltIn(n))];
    }

    /// <summary>
    /// Loads options. <paramref name="profileOverride"/> forces a profile (origin "command line");
    /// without <paramref name="includeEnvironment"/> only profile defaults and <c>hologram.json</c> apply.
    /// </summary>
    /// <param name="source">Where to look.</param>
    /// <param name="profileOverride">The profile to use whatever the settings say, or null.</param>
    /// <param name="includeEnvironment">False to leave environment variables out (e.g. to show a profile as defined).</param>
    /// <exception cref="HologramConfigurationException">A setting is invalid (one line naming the key, value and origin).</exception>
    public static HologramOptions LoadCore(HologramConfigurationSource source, string? profileOverride, bool includeEnvironment)
    {
        ArgumentNullException.ThrowIfNull(source);
        var environment = source.EnvironmentVariables ?? new Dictionary<string, string?>();
        var startDirectory = Path.GetFullPath(source.StartDirectory);
        var (filePath, repositoryRoot) = HologramJsonFile.Discover(startDirectory);
        var file = filePath is null ? null : HologramJsonFile.Read(filePath);

        var seed = includeEnvironment ? EnvironmentLayers.Seed(environment) : [];
        var hologram = includeEnvironment ? EnvironmentLayers.Hologram(environment) : [];
        var profiles = file?.Profiles ?? new Dictionary<string, ProfileDefinition>(StringComparer.OrdinalIgnoreCase);
        var bases = ResolveBases(profiles);

        var profile = SelectProfile(profileOverride, hologram, seed, file, environment, includeEnvironment, profiles);
        var builtIn = bases.TryGetValue(profile.Value, out var baseName) ? baseName : profile.Value;

        var layers = new List<LayerConfigurationSource>
        {
            new("defaults", BuiltInProfiles.Defaults(builtIn, profile.Value)),
        };
        if (file is not null)
        {
            layers.Add(new("file", file.Settings.Where(v => v.Key != HologramKeys.Profile).ToList()));
            if (profiles.TryGetValue(profile.Value, out var definition))
            {
                layers.Add(new("file profile", definition.Settings));
            }
        }

        layers.Add(new("seed environment", seed.Where(v => v.Key != HologramKeys.Profile).ToList()));
        layers.Add(new("HOLOGRAM__ environment", hologram.Where(v => v.Key != HologramKeys.Profile).ToList()));

        var builder = new ConfigurationBuilder();
        foreach (var layer in layers)
        {
            builder.Add(layer);
        }

        var root = builder.Build();
        var reader = new OptionsReader(root, repositoryRoot);
        return reader.Read(profile, filePath, [.. profiles.Keys], environment);
    }

    private static Dictionary<string, string> ResolveBases(Dictionary<string, ProfileDefinition> profiles)
    {
        var bases = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var definition in profiles.Values)
        {
            if (BuiltInProfiles.IsBuiltIn(definition.Name))
            {
                if (definition.Base is { } extra && !string.Equals(extra.Value.Trim(), definition.Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new HologramConfigurationException(
                        $"{HologramKeys.Profiles}:{definition.Name}:{HologramKeys.Base}",
                        extra.Value,
                        extra.Origin,
                        $"{extra.SourceKey}='{extra.Value}' ({extra.Origin}) cannot change the base of the built-in profile '{definition.Name}'; define a new profile name instead");
                }

                bases[definition.Name] = definition.Name;
                continue;
            }

            var baseName = definition.Base?.Value.Trim().ToLowerInvariant() ?? BuiltInProfiles.Dev;
            if (!BuiltInProfiles.IsBuiltIn(baseName))
            {
                var written = definition.Base!;
                throw new HologramConfigurationException(
                    $"{HologramKeys.Profiles}:{definition.Name}:{HologramKeys.Base}",
                    written.Value,
                    written.Origin,
                    $"{written.SourceKey}='{written.Value}' ({written.Origin}) is not a built-in profile; known: {string.Join(", ", BuiltInProfiles.Names)}");
            }

            bases[definition.Name] = baseName;
        }

        return bases;
    }

    private static ConfigValue SelectProfile(
        string? profileOverride,
        List<ConfigValue> hologram,
        List<ConfigValue> seed,
        HologramJsonFile? file,
        IReadOnlyDictionary<string, string?> environment,
        bool includeEnvironment,
        Dictionary<string, ProfileDefinition> profiles)
    {
        var chosen = profileOverride is not null
            ? new ConfigValue(HologramKeys.Profile, profileOverride, "command line", HologramKeys.Profile)
            : hologram.LastOrDefault(v => v.Key == HologramKeys.Profile)
                ?? seed.LastOrDefault(v => v.Key == HologramKeys.Profile)
                ?? file?.Settings.LastOrDefault(v => v.Key == HologramKeys.Profile)
                ?? DefaultProfile(environment, includeEnvironment);

        var name = chosen.Value.Trim().ToLowerInvariant();
        if (!BuiltInProfiles.IsBuiltIn(name) && !profiles.ContainsKey(name))
        {
            var known = BuiltInProfiles.Names.Concat(profiles.Keys.Where(n => !BuiltInProfiles.IsBuiltIn(n)));
            throw new HologramConfigurationException(
                HologramKeys.Profile,
                chosen.Value,
                chosen.Origin,
                $"Profile '{chosen.Value}' ({chosen.Origin}) is not a known profile; known: {string.Join(", ", known)}");
        }

        return chosen with { Value = name };
    }

    private static ConfigValue DefaultProfile(IReadOnlyDictionary<string, string?> environment, bool includeEnvironment)
    {
        if (includeEnvironment && environment.TryGetValue("CI", out var ci) && ci is not null
            && (string.Equals(ci.Trim(), "true", StringComparison.OrdinalIgnoreCase) || ci.Trim() == "1"))
        {
            return new ConfigValue(HologramKeys.Profile, BuiltInProfiles.Pr, $"environment variable CI={ci.Trim()}", HologramKeys.Profile);
        }

        return new ConfigValue(HologramKeys.Profile, BuiltInProfiles.Dev, "built-in default, CI is not true", HologramKeys.Profile);
    }
}
