using System.Text;

namespace Hologram.Testing.Perf.Records;

/// <summary>Where perf records live under the reports directory.</summary>
internal static class PerfPaths
{
    public static string Directory(string reportsDir) => Path.Combine(reportsDir, "perf");

    public static string Csv(string reportsDir, string name) => Path.Combine(Directory(reportsDir), FileName(name) + ".csv");

    public static string SamplesDirectory(string reportsDir) => Path.Combine(Directory(reportsDir), "samples");

    public static string Latest(string reportsDir, string name, PerfPhase phase) =>
        Path.Combine(SamplesDirectory(reportsDir), FileName(name) + (phase == PerfPhase.Cold ? ".cold" : string.Empty) + ".json");

    public static string Baseline(string reportsDir) => Path.Combine(Directory(reportsDir), "baseline.json");

    public static string CacheProfiles(string reportsDir) => Path.Combine(Directory(reportsDir), "cache_profiles.json");

    /// <summary>A file-system-safe form of a measurement name: letters, digits, '.', '-', '_'; anything else becomes '_'.</summary>
    public static string FileName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Trim())
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? "_" : builder.ToString();
    }
}
