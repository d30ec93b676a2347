namespace Hologram.Testing.Perf.Tests;

/// <summary>Tests that time real work run alone: on a two-core machine, parallel test classes would be the noise.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    /// <summary>The collection name.</summary>
    public const string Name = "Real timing";
}
