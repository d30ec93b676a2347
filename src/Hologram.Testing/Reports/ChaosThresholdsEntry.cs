using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>The thresholds a <see cref="ChaosExperimentFile"/> was judged by.</summary>
public sealed record ChaosThresholdsEntry
{
    /// <summary>The success rate to stay above, 0 to 1 (<c>min_success_rate</c>).</summary>
    [JsonPropertyName("min_success_rate")]
    public double MinSuccessRate { get; init; }

    /// <summary>The recovery time to stay under, in milliseconds (<c>max_recovery_ms</c>).</summary>
    [JsonPropertyName("max_recovery_ms")]
    public double MaxRecoveryMs { get; init; }

    /// <summary>How many lost or corrupted writes are allowed (<c>max_lost_writes</c>).</summary>
    [JsonPropertyName("max_lost_writes")]
    public int MaxLostWrites { get; init; }
}
