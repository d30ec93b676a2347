namespace Hologram.Testing.Perf.Tests;

/// <summary>A temporary repository with its own configuration and reports directory.</summary>
internal sealed class TempReports : IDisposable
{
    public TempReports(string profile = "main", IDictionary<string, string?>? environment = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "hologram-perf-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        // History recording is off unless a test names a store: the tests of the store write are in PerfHistoryRecordingTests.
        var variables = new Dictionary<string, string?> { ["HOLOGRAM_PROFILE"] = profile, ["HOLOGRAM_STORE"] = "none" };
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[key] = value;
        }

        Options = HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = Root, EnvironmentVariables = variables });
    }

    public string Root { get; }

    public HologramOptions Options { get; }

    public string PerfDir => Path.Combine(Options.ReportsDir, "perf");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
