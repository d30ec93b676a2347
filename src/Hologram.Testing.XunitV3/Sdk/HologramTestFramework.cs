using System.Reflection;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// The xUnit v3 test framework Hologram registers for a test assembly: xUnit's own framework (discovery, runners,
/// fixtures and parallelism unchanged), with Hologram's selection, skips, retries and recording around each test case.
/// </summary>
public class HologramTestFramework : XunitTestFramework
{
    /// <summary>Creates the framework; called by xUnit.</summary>
    public HologramTestFramework()
    {
    }

    /// <summary>Creates the framework with an xUnit configuration file; called by xUnit.</summary>
    /// <param name="configFileName">The xUnit configuration file, or null.</param>
    public HologramTestFramework(string? configFileName)
        : base(configFileName)
    {
        _configFileName = configFileName;
    }

    private readonly string? _configFileName;

    /// <summary>Loads the run's configuration for the test assembly; replaceable for in-process tests.</summary>
    internal Func<Assembly, HologramOptions>? OptionsFactory { get; set; }

    /// <summary>The clock of the run (flake windows, quarantine times); replaceable for in-process tests.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <inheritdoc />
    public override string TestFrameworkDisplayName => "Hologram " + base.TestFrameworkDisplayName;

    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        // The same construction as xUnit's own framework (discoverer and executor alike), so the assembly's unique id,
        // and with it every test case id, matches discovery.
#pragma warning disable CS0618
        var testAssembly = new XunitTestAssembly(assembly, _configFileName, assembly.GetName().Version);
#pragma warning restore CS0618
        return new HologramTestFrameworkExecutor(testAssembly, OptionsFactory ?? (a => global::Hologram.Testing.Sdk.AdapterRun.LoadOptionsFor(a.Location)))
        {
            Time = Time,
        };
    }
}
