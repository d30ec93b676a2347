using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>One phase in a <see cref="ChaosExperimentFile"/>.</summary>
public sealed record ChaosPhaseEntry
{
    /// <summary>The phase (<c>phase</c>): <c>SteadyState</c>, <c>Fault</c>, <c>Recovery</c> or <c>AfterRecovery</c>.</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>Operations that ended in it (<c>operations</c>).</summary>
    [JsonPropertyName("operations")]
    public long Operations { get; init; }

    /// <summary>Those that failed (<c>failures</c>).</summary>
    [JsonPropertyName("failures")]
    public long Failures { get; init; }

    /// <summary>The share that succeeded, 0 to 1 (<c>success_rate</c>).</summary>
    [JsonPropertyName("success_rate")]
    public double SuccessRate { get; init; }
}
