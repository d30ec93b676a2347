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
}
