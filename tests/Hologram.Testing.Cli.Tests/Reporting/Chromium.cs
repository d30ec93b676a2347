namespace Hologram.Testing.Cli.Tests.Reporting;

/// <summary>Finds a Chromium binary: <c>HOLOGRAM_CHROMIUM</c>, else <c>chromium</c>, <c>chromium-browser</c>, <c>google-chrome</c> on PATH.</summary>
internal static class Chromium
{
    public static readonly string? Path = Find();

    public static bool IsCi => string.Equals(System.Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    private static string? Find()
    {
        if (System.Environment.GetEnvironmentVariable("HOLOGRAM_CHROMIUM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = System.Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
        {
            foreach (var directory in path.Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = System.IO.Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>A fact that needs Chromium: skipped with the reason on a machine without it, but run (and failing) under <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.Path is null && !Chromium.IsCi)
        {
            Skip = "Chromium not found (apt-get install chromium, or set HOLOGRAM_CHROMIUM to the binary); .ci/run installs it.";
        }
    }
}
