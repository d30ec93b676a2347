using Hologram.Testing;
using Hologram.Testing.Xunit;

namespace Hologram.Samples.Tests;

/// <summary>Chaos tests: <c>dotnet test --filter Category=Phase9Chaos</c>; they skip themselves where they cannot work.</summary>
[Phase9Chaos]
public class ChaosSampleTests
{
    [Fact]
    public void Killing_a_process_needs_process_control()
    {
        Skip.Unless(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "process kill/restart is exercised on Unix runners");
        using var process = System.Diagnostics.Process.Start("sleep", "30");
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.True(process.HasExited);
    }

    [Fact]
    [NoCi]
    public void Long_soak_runs_only_nightly() => Skip.If(Environment.ProcessorCount < 2, "the soak needs at least two cores");
}
