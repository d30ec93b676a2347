namespace Hologram.Testing.Chaos;

/// <summary>Where chaos reports and logs go: <c>&lt;ReportsDir&gt;/chaos/</c>.</summary>
internal static class ChaosPaths
{
    /// <summary>The chaos reports directory, created when missing.</summary>
    public static string ReportsDirectory(string? overrideDirectory = null)
    {
        var directory = overrideDirectory ?? Path.Combine(HologramContext.Options.ReportsDir, "chaos");
        Directory.CreateDirectory(directory);
        return directory;
    }

    /// <summary>A file-name-safe form of <paramref name="name"/>.</summary>
    public static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c).ToArray();
        return chars.Length == 0 ? "unnamed" : new string(chars);
    }
}
