using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>An acknowledged write that did not read back as written, in a <see cref="ChaosExperimentFile"/>.</summary>
public sealed record ChaosWriteEntry
{
    /// <summary>The key (<c>key</c>).</summary>
    [JsonPropertyName("key")]
    public string? Key { get; init; }

    /// <summary>The phase in which the write was acknowledged (<c>phase</c>).</summary>
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }

    /// <summary>What was wrong (<c>problem</c>).</summary>
    [JsonPropertyName("problem")]
    public string? Problem { get; init; }
}
