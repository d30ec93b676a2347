using Hologram.Testing.Perf.Sampling;

namespace Hologram.Testing.Perf;

/// <summary>How a result was taken: its options, configuration, plan, and how to take it again with more samples.</summary>
internal sealed record PerfContext(
    PerfOptions Options,
    HologramOptions Configuration,
    SamplingPlan Plan,
    int RerunSamples,
    string RunId,
    Func<int, CancellationToken, Task<PerfResult>>? Remeasure)
{
    /// <summary>Whether <see cref="Remeasure"/> awaits user code (and so must not be blocked on from a synchronization context).</summary>
    public bool Asynchronous { get; init; }

    /// <summary>
    /// Takes that many more samples of the same operation after a one-call re-warm, for sequential sampling;
    /// <see langword="null"/> when the measurement cannot be continued.
    /// </summary>
    public Func<int, CancellationToken, Task<RawMeasurement>>? Extend { get; init; }

    /// <summary>What the first sampling run collected (the samples a sequential continuation starts from).</summary>
    public RawMeasurement? First { get; init; }

    /// <summary>The per-measurement time budget of sequential sampling, or <see langword="null"/> for fixed sample counts.</summary>
    public TimeSpan? TimeBudget { get; init; }
}
