using System.Text.Json.Nodes;

namespace Hologram.Testing.E2E;

/// <summary>One line of <c>events.jsonl</c>: a step of an end-to-end test and how it went.</summary>
public sealed record E2EEvent
{
    /// <summary>When the event was written (UTC), field <c>ts</c>.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The run that wrote it, field <c>run_id</c>.</summary>
    public required string RunId { get; init; }

    /// <summary>The test, field <c>test</c>.</summary>
    public required string Test { get; init; }

    /// <summary>The step, field <c>step</c>, e.g. <c>publish</c>.</summary>
    public required string Step { get; init; }

    /// <summary>One of <see cref="E2EStatus"/>, field <c>status</c>.</summary>
    public required string Status { get; init; }

    /// <summary>How long the step took, field <c>duration_ms</c>; null when not timed.</summary>
    public double? DurationMs { get; init; }

    /// <summary>Step details, field <c>data</c>, e.g. <c>{"cid": "…"}</c>.</summary>
    public JsonObject? Data { get; init; }

    /// <summary>The hash of the previous line, field <c>prev</c>, when the log is hash-chained.</summary>
    public string? Prev { get; init; }

    /// <summary>This line's hash, field <c>hash</c>, when the log is hash-chained.</summary>
    public string? Hash { get; init; }
}
