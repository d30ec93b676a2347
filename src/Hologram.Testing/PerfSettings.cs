namespace Hologram.Testing;

/// <summary>Latency measurement settings (<c>Perf:*</c> keys).</summary>
public sealed class PerfSettings
{
    /// <summary>Number of measured samples per measurement (<c>GQL_SAMPLES</c>).</summary>
    public int Samples { get; init; } = 20;

    /// <summary>Number of warm-up calls before sampling (<c>GQL_WARMUP</c>).</summary>
    public int Warmup { get; init; } = 3;

    /// <summary>Payload size in megabytes for encode-style measurements (<c>ENC_MB</c>).</summary>
    public double PayloadMb { get; init; } = 1;

    /// <summary>Regression gate threshold in percent (<c>REGRESSION_THRESHOLD_PCT</c>, default 10).</summary>
    public double RegressionThresholdPct { get; init; } = 10;

    /// <summary>
    /// The time budget of one measurement or comparison in ms when sampling sequentially (<c>Perf:TimeBudgetMs</c>; 0 = fixed sample
    /// counts): sampling goes on past <see cref="Samples"/> until the verdict is decided or this much time is spent.
    /// </summary>
    public int TimeBudgetMs { get; init; }
}
