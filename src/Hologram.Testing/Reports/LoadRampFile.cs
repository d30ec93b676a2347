using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>The report of one load ramp: <c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.json</c> with <c>"kind": "load_ramp"</c>.</summary>
public sealed record LoadRampFile : ChaosReportFile
{
    /// <summary>The <c>kind</c> of a load-ramp report.</summary>
    public const string FileKind = "load_ramp";

    /// <summary>An empty load-ramp report.</summary>
    public LoadRampFile()
        : base(FileKind)
    {
    }

    /// <summary>One entry per concurrency level, in the order run (<c>steps</c>).</summary>
    [JsonPropertyName("steps")]
    public IReadOnlyList<LoadStepEntry> Steps { get; init; } = [];

    /// <summary>The concurrency of the last step that still scaled (<c>knee_concurrency</c>); null when none or all did.</summary>
    [JsonPropertyName("knee_concurrency")]
    public int? KneeConcurrency { get; init; }

    /// <summary>Why the knee is where it is (<c>knee_reason</c>).</summary>
    [JsonPropertyName("knee_reason")]
    public string? KneeReason { get; init; }
}
