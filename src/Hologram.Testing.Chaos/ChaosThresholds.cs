namespace Hologram.Testing.Chaos;

/// <summary>What a <see cref="ChaosExperimentReport"/> must show to pass; the defaults are the seed's.</summary>
public sealed class ChaosThresholds
{
    /// <summary>The success rate of the workload must be above this; 0.95 by default.</summary>
    public double MinSuccessRate { get; set; } = 0.95;

    /// <summary>The steady state must hold again within this after the restore began; 30 seconds by default.</summary>
    public TimeSpan MaxRecoveryTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many acknowledged writes may be lost or corrupted; 0 by default.</summary>
    public int MaxLostWrites { get; set; }
}
