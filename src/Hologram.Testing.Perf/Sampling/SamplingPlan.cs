namespace Hologram.Testing.Perf.Sampling;

/// <summary>The resolved settings of one sampling run.</summary>
internal sealed record SamplingPlan(
    int Samples,
    int WarmupCalls,
    TimeSpan MinWarmupTime,
    TimeSpan JitQuietTime,
    TimeSpan MaxWarmupTime,
    bool SettleJit,
    int OperationsPerSample,
    int Concurrency,
    TimeProvider Time)
{
    /// <summary>Calls needed before tiered compilation promotes a method (the runtime's call-count threshold).</summary>
    public const int TierUpCalls = 30;

    /// <summary>After this long, a slow operation no longer needs <see cref="TierUpCalls"/> calls: its own code is a negligible part of a call.</summary>
    public static readonly TimeSpan TierUpTimeAlternative = TimeSpan.FromSeconds(1);
}
