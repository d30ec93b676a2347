namespace Hologram.Testing.Perf;

/// <summary>
/// A stored measurement: its estimates, raw samples and environment. The latest of each measurement is kept in
/// <c>reports/perf/samples/</c>; <c>reports/perf/baseline.json</c> holds a set of them.
/// </summary>
public sealed record PerfRecord
{
    /// <summary>The measurement name, e.g. <c>verify</c>.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Warm or cold.</summary>
    public PerfPhase Phase { get; init; }

    /// <summary>The profile that was active.</summary>
    public string Profile { get; init; } = string.Empty;

    /// <summary>When the measurement finished.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The commit, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The number of samples.</summary>
    public int N { get; init; }

    /// <summary>Harrell-Davis median, ms.</summary>
    public double P50 { get; init; }

    /// <summary>Harrell-Davis 95th percentile, ms.</summary>
    public double P95 { get; init; }

    /// <summary>Lower confidence bound of the 95th percentile, ms (negative infinity when none).</summary>
    public double P95Lower { get; init; }

    /// <summary>Upper confidence bound of the 95th percentile, ms (positive infinity when none).</summary>
    public double P95Upper { get; init; }

    /// <summary>Harrell-Davis 99th percentile, ms.</summary>
    public double P99 { get; init; }

    /// <summary>Mean, ms.</summary>
    public double Mean { get; init; }

    /// <summary>The two-sided confidence level of the bounds.</summary>
    public double Level { get; init; }

    /// <summary>Bytes allocated per operation.</summary>
    public double AllocatedBytesPerOperation { get; init; }

    /// <summary>Where it was measured.</summary>
    public EnvironmentFingerprint Environment { get; init; } = new();

    /// <summary>The raw per-call samples in ms, in the order taken.</summary>
    public IReadOnlyList<double> Samples { get; init; } = [];
}
