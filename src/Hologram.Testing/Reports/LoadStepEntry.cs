using System.Text.Json.Serialization;

namespace Hologram.Testing.Reports;

/// <summary>One concurrency level in a <see cref="LoadRampFile"/>.</summary>
public sealed record LoadStepEntry
{
    /// <summary>Operations in flight at once (<c>concurrency</c>).</summary>
    [JsonPropertyName("concurrency")]
    public int Concurrency { get; init; }

    /// <summary>Operations completed (<c>requests</c>).</summary>
    [JsonPropertyName("requests")]
    public long Requests { get; init; }

    /// <summary>Operations that failed (<c>errors</c>).</summary>
    [JsonPropertyName("errors")]
    public long Errors { get; init; }

    /// <summary>The share of failed operations, 0 to 1 (<c>error_rate</c>).</summary>
    [JsonPropertyName("error_rate")]
    public double ErrorRate { get; init; }

    /// <summary>How long the step ran, in milliseconds (<c>elapsed_ms</c>).</summary>
    [JsonPropertyName("elapsed_ms")]
    public double ElapsedMs { get; init; }

    /// <summary>Completed operations per second (<c>throughput_per_s</c>).</summary>
    [JsonPropertyName("throughput_per_s")]
    public double ThroughputPerSecond { get; init; }

    /// <summary>Median latency in milliseconds (<c>p50_ms</c>).</summary>
    [JsonPropertyName("p50_ms")]
    public double P50Ms { get; init; }

    /// <summary>95th percentile latency in milliseconds (<c>p95_ms</c>).</summary>
    [JsonPropertyName("p95_ms")]
    public double P95Ms { get; init; }

    /// <summary>99th percentile latency in milliseconds (<c>p99_ms</c>).</summary>
    [JsonPropertyName("p99_ms")]
    public double P99Ms { get; init; }
}
