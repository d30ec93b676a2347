namespace Hologram.Testing.Perf;

/// <summary>How a measurement is taken and judged. Unset counts come from the active configuration (<c>Perf:*</c>).</summary>
public sealed class PerfOptions
{
    /// <summary>The number of samples; <see langword="null"/> uses <c>Perf:Samples</c> of the active profile.</summary>
    public int? Samples { get; init; }

    /// <summary>The minimum number of warm-up calls; <see langword="null"/> uses <c>Perf:Warmup</c> of the active profile.</summary>
    public int? Warmup { get; init; }

    /// <summary>The minimum warm-up time (default 150 ms), so that tiered compilation can promote hot code.</summary>
    public TimeSpan MinWarmupTime { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>How long no method may have been compiled before the JIT counts as settled (default 200 ms).</summary>
    public TimeSpan JitQuietTime { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The warm-up time after which sampling starts even if the JIT has not settled (default 3 s).</summary>
    public TimeSpan MaxWarmupTime { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Whether warm-up waits for the JIT to settle (default <see langword="true"/>); the count and time minimums always apply.</summary>
    public bool SettleJit { get; init; } = true;

    /// <summary>Calls timed together as one sample, for sub-microsecond operations (default 1: per-call latency).</summary>
    public int OperationsPerSample { get; init; } = 1;

    /// <summary>How many calls of an asynchronous operation run at once while sampling (default 1).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>The two-sided confidence level of the p95 interval and of comparisons (default 0.99).</summary>
    public double ConfidenceLevel { get; init; } = 0.99;

    /// <summary>
    /// The time budget of sequential sampling (warm-up included): the budget verdict of a measurement and the regression
    /// verdict of <see cref="Perf.Compare"/> / <see cref="Perf.CompareAsync"/> take more samples, in looks planned from this
    /// budget, until decided at <see cref="ConfidenceLevel"/> or the time is spent; <see cref="Samples"/> stays the minimum.
    /// <see langword="null"/> (default) uses <c>Perf:TimeBudgetMs</c>; <see cref="TimeSpan.Zero"/> takes fixed sample counts.
    /// </summary>
    public TimeSpan? TimeBudget { get; init; }

    /// <summary>Samples for the one re-measurement of an inconclusive check; <see langword="null"/>: max(4 × samples, 2 × the minimum for a bounded p95 interval).</summary>
    public int? RerunSamples { get; init; }

    /// <summary>What an assertion does when its check stays inconclusive (default: skip the test with the reason).</summary>
    public InconclusiveOutcome Inconclusive { get; init; } = InconclusiveOutcome.Skip;

    /// <summary>Alert-style rule: a budget breach fails only when this many consecutive runs breached (default 1: every confident breach fails).</summary>
    public int FailAfterConsecutiveBreaches { get; init; } = 1;

    /// <summary>Whether the measurement is written to <c>reports/perf/</c> and the registered sinks (default <see langword="true"/>).</summary>
    public bool Record { get; init; } = true;

    /// <summary>The commit recorded with the measurement; <see langword="null"/> reads <c>HOLOGRAM_COMMIT</c>, then <c>GITHUB_SHA</c>.</summary>
    public string? Commit { get; init; }

    /// <summary>The configuration to use; <see langword="null"/> uses <see cref="HologramContext.Options"/>.</summary>
    public HologramOptions? Configuration { get; init; }

    /// <summary>The clock samples are timed with (default <see cref="TimeProvider.System"/>, i.e. <c>Stopwatch.GetTimestamp</c>).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
