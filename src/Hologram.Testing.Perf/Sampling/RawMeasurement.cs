namespace Hologram.Testing.Perf.Sampling;

/// <summary>What one sampling run collected, before estimation.</summary>
internal sealed record RawMeasurement(
    double[] SamplesMs,
    double FirstCallMs,
    int WarmupCalls,
    TimeSpan WarmupTime,
    bool? JitSettled,
    long AllocatedBytes,
    long Operations,
    int Gen0Collections,
    int Gen1Collections,
    int Gen2Collections);
