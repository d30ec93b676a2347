using System.Collections;

namespace Hologram.Testing;

/// <summary>Where <see cref="HologramConfiguration.Load"/> looks for settings: a start directory and an environment.</summary>
public sealed class HologramConfigurationSource
{
    /// <summary>The directory from which <c>hologram.json</c> and the repository root are searched upwards (default: <see cref="AppContext.BaseDirectory"/>).</summary>
    public string StartDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>The environment variables to read (default: a snapshot of the process environment).</summary>
    public IReadOnlyDictionary<string, string?> EnvironmentVariables { get; init; } = SnapshotProcessEnvironment();

    /// <summary>A source that starts at <paramref name="startDirectory"/> with the process environment.</summary>
    /// <param name="startDirectory">The directory to search upwards from.</param>
    /// <returns>The source.</returns>
    public static HologramConfigurationSource ForDirectory(string startDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(startDirectory);
        return new HologramConfigurationSource { StartDirectory = startDirectory };
    }

    /// <summary>A snapshot of the process's environment variables (case-insensitive names on Windows).</summary>
    public static IReadOnlyDictionary<string, string?> SnapshotProcessEnvironment()
    {
        var comparer = OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
        var snapshot = new Dictionary<string, string?>(comparer);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name)
            {
                snapshot[name] = entry.Value as string;
            }
        }

        return snapshot;
    }
}
