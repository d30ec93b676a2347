using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// The xUnit v2 test framework Hologram registers for a test assembly (through the package's
/// <c>buildTransitive</c> props): xUnit's own framework, with Hologram's selection, skips and recording around each test case.
/// </summary>
public class HologramTestFramework : XunitTestFramework
{
    /// <summary>Creates the framework; called by xUnit.</summary>
    /// <param name="messageSink">xUnit's diagnostic message sink.</param>
    public HologramTestFramework(IMessageSink messageSink)
        : base(messageSink)
    {
    }

    /// <summary>Loads the run's configuration for the test assembly; replaceable for in-process acceptance tests.</summary>
    internal Func<AssemblyName, HologramOptions>? OptionsFactory { get; set; }

    /// <summary>The clock of the run (flake windows, quarantine times); replaceable for in-process acceptance tests.</summary>
    internal TimeProvider Time { get; set; } = TimeProvider.System;

    /// <inheritdoc />
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new HologramTestFrameworkExecutor(assemblyName, SourceInformationProvider, DiagnosticMessageSink, OptionsFactory ?? LoadOptions)
        {
            Time = Time,
        };

    private static HologramOptions LoadOptions(AssemblyName assemblyName)
    {
        string? location;
        try
        {
            location = Assembly.Load(assemblyName).Location;
        }
        catch (IOException)
        {
            location = null;
        }

        return global::Hologram.Testing.Sdk.AdapterRun.LoadOptionsFor(location);
    }
}
