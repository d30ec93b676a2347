using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>The report of one chaos experiment: <c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.json</c> with <c>"kind": "chaos_experiment"</c>.</summary>
public sealed record ChaosExperimentFile : ChaosReportFile
{
    /// <summary>The <c>kind</c> of an experiment report.</summary>
    public const string FileKind = "chaos_experiment";

    /// <summary>An empty experiment report.</summary>
    public ChaosExperimentFile()
        : base(FileKind)
    {
    }

    /// <summary>When the experiment started (<c>started_at</c>, round-trip format); null when missing or unreadable.</summary>
    [JsonPropertyName("started_at")]
    [JsonConverter(typeof(RoundTripTimeConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>How long it ran, in milliseconds (<c>duration_ms</c>).</summary>
    [JsonPropertyName("duration_ms")]
    public double DurationMs { get; init; }

    /// <summary>All workload operations (<c>operations</c>).</summary>
    [JsonPropertyName("operations")]
    public long Operations { get; init; }

    /// <summary>All failed workload operations (<c>failures</c>).</summary>
    [JsonPropertyName("failures")]
    public long Failures { get; init; }

    /// <summary>The share of operations that succeeded, 0 to 1 (<c>success_rate</c>).</summary>
    [JsonPropertyName("success_rate")]
    public double SuccessRate { get; init; }

    /// <summary>The operations per phase (<c>phases</c>).</summary>
    [JsonPropertyName("phases")]
    public IReadOnlyList<ChaosPhaseEntry> Phases { get; init; } = [];

    /// <summary>Whether the steady state held again in time (<c>recovered</c>).</summary>
    [JsonPropertyName("recovered")]
    public bool Recovered { get; init; }

    /// <summary>From the restore until the steady state held, in milliseconds (<c>recovery_ms</c>).</summary>
    [JsonPropertyName("recovery_ms")]
    public double RecoveryMs { get; init; }

    /// <summary>How many distinct writes were acknowledged (<c>acknowledged_writes</c>).</summary>
    [JsonPropertyName("acknowledged_writes")]
    public long AcknowledgedWrites { get; init; }

    /// <summary>Acknowledged writes not found after recovery (<c>lost_writes</c>).</summary>
    [JsonPropertyName("lost_writes")]
    public IReadOnlyList<ChaosWriteEntry> LostWrites { get; init; } = [];

    /// <summary>Acknowledged writes that read back different (<c>corrupted_writes</c>).</summary>
    [JsonPropertyName("corrupted_writes")]
    public IReadOnlyList<ChaosWriteEntry> CorruptedWrites { get; init; } = [];

    /// <summary>The thresholds in force (<c>thresholds</c>); null when the file has none.</summary>
    [JsonPropertyName("thresholds")]
    public ChaosThresholdsEntry? Thresholds { get; init; }

    /// <summary>The threshold violations, one sentence each (<c>violations</c>).</summary>
    [JsonPropertyName("violations")]
    public IReadOnlyList<string> Violations { get; init; } = [];

    /// <summary>Whether every threshold was met (<c>passed</c>); null when the file does not say.</summary>
    [JsonPropertyName("passed")]
    public bool? Passed { get; init; }
}
