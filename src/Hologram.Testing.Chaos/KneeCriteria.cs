namespace Hologram.Testing.Chaos;

/// <summary>When a load step counts as past the knee: it no longer adds throughput, or it fails too often.</summary>
public sealed class KneeCriteria
{
    /// <summary>The smallest relative throughput gain over the previous step that still counts as scaling; 0.10 (10 %) by default.</summary>
    public double MinThroughputGain { get; set; } = 0.10;

    /// <summary>The largest error rate of a healthy step; 0.01 (1 %) by default.</summary>
    public double MaxErrorRate { get; set; } = 0.01;
}
