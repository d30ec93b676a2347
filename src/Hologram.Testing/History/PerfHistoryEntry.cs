namespace Hologram.Testing.History;

/// <summary>
/// One perf measurement as stored in the history store's <c>perf</c> table: its estimates and their bounds, the sample
/// count, profile, phase, environment fingerprint and the run, commit and branch it belongs to. The natural key is
/// (<see cref="RunId"/>, <see cref="Name"/>, <see cref="Phase"/>).
/// </summary>
public sealed record PerfHistoryEntry
{
    /// <summary>The run that measured it.</summary>
    public required string RunId { get; init; }

    /// <summary>The measurement's name (as in <c>reports/perf/&lt;name&gt;.csv</c>).</summary>
    public required string Name { get; init; }

    /// <summary><c>cold</c> or <c>warm</c>.</summary>
    public required string Phase { get; init; }

    /// <summary>The profile the run used (<c>dev</c>, <c>pr</c>, <c>nightly</c>, …).</summary>
    public required string Profile { get; init; }

    /// <summary>The environment fingerprint (machine, runtime, configuration) that baselines are kept per.</summary>
    public required string Environment { get; init; }

    /// <summary>The commit measured, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The branch measured, when known.</summary>
    public string? Branch { get; init; }

    /// <summary>How many samples the estimates are based on.</summary>
    public required int Samples { get; init; }

    /// <summary>The median, in milliseconds.</summary>
    public required double P50Ms { get; init; }

    /// <summary>The 95th percentile, in milliseconds.</summary>
    public required double P95Ms { get; init; }

    /// <summary>The lower bound of the 95th percentile's confidence interval, in milliseconds.</summary>
    public required double P95LowerMs { get; init; }

    /// <summary>The upper bound of the 95th percentile's confidence interval, in milliseconds.</summary>
    public required double P95UpperMs { get; init; }

    /// <summary>The mean, in milliseconds.</summary>
    public required double MeanMs { get; init; }

    /// <summary>When the measurement ended.</summary>
    public required DateTimeOffset MeasuredAt { get; init; }
}
