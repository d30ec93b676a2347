namespace Hologram.Testing.Tests.Faults;

/// <summary>The fault-injection tests run one after another: each starts real processes, and some time their faults.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultsCollection
{
    public const string Name = "Faults";
}

/// <summary>
/// A long fault-injection variant, trait <c>Category=NoCi</c>: skipped unless <c>HOLOGRAM_FAULTS_LONG=1</c>
/// (bench/faults/run.sh --long sets it). Each has a short variant that runs by default.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NoCiFactAttribute : FactAttribute
{
    public NoCiFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("HOLOGRAM_FAULTS_LONG") != "1")
        {
            Skip = "[NoCi] long fault-injection variant: set HOLOGRAM_FAULTS_LONG=1 to run it (bench/faults/run.sh --long)";
        }
    }
}
