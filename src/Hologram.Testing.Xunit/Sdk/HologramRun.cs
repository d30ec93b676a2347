using Hologram.Testing.Execution;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>What one run of a test assembly knows: its configuration, or why the configuration could not be used.</summary>
internal sealed class HologramRun
{
    private HologramRun(HologramOptions? options, Exception? startupError)
    {
        Options = options;
        StartupError = startupError;
        Selection = options is null ? null : new TestSelection(options);
    }

    /// <summary>The configuration; null when it failed to load.</summary>
    public HologramOptions? Options { get; }

    /// <summary>The configuration error that fails every test of the run, if any.</summary>
    public Exception? StartupError { get; }

    /// <summary>Shard and profile decisions; null when the configuration failed to load.</summary>
    public TestSelection? Selection { get; }

    public static HologramRun Start(Func<HologramOptions> load)
    {
        try
        {
            var options = load();
            HologramContext.Use(options);
            return new HologramRun(options, null);
        }
        catch (HologramConfigurationException e)
        {
            return new HologramRun(null, e);
        }
    }
}
