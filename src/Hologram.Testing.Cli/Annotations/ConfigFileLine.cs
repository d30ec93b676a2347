namespace Hologram.Testing.Cli.Annotations;

/// <summary>Finds where in <c>hologram.json</c> a configuration key is written, so an annotation can point at that line.</summary>
internal static class ConfigFileLine
{
    /// <summary>
    /// The 1-based line of <paramref name="sourceKey"/> (e.g. <c>Hologram:Profiles:ci:Budgets:verify:P95Ms</c>) in
    /// <paramref name="file"/>: each segment's quoted property name is searched after the previous one's. Null when the
    /// file cannot be read or a segment is not found.
    /// </summary>
    public static int? Find(string? file, string sourceKey)
    {
        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // The annotation is still written, without a line.
            return null;
        }

        var index = 0;
        int? found = null;
        foreach (var segment in sourceKey.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var quoted = $"\"{segment}\"";
            var match = -1;
            for (var i = index; i < lines.Length; i++)
            {
                if (lines[i].Contains(quoted, StringComparison.OrdinalIgnoreCase))
                {
                    match = i;
                    break;
                }
            }

            if (match < 0)
            {
                return null;
            }

            found = match + 1;
            index = match;
        }

        return found;
    }

    /// <summary>
    /// The file and line of the configuration value <paramref name="key"/> (e.g. <c>Budgets:verify:P95Ms</c>) when it
    /// comes from <c>hologram.json</c>; (null, null) when it comes from an environment variable or a built-in profile.
    /// </summary>
    public static (string? File, int? Line) Of(HologramOptions options, string key)
    {
        var value = options.Provenance.FirstOrDefault(v => string.Equals(v.Key, key, StringComparison.OrdinalIgnoreCase));
        if (value is null || options.ConfigFile is null || !value.Origin.Contains(options.ConfigFile, StringComparison.Ordinal))
        {
            return (null, null);
        }

        return (options.ConfigFile, Find(options.ConfigFile, value.SourceKey));
    }
}
