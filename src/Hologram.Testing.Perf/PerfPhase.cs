namespace Hologram.Testing.Perf;

/// <summary>Whether a measurement saw warm caches and settled JIT code, or a cold start.</summary>
public enum PerfPhase
{
    /// <summary>After warm-up: the steady state.</summary>
    Warm,

    /// <summary>The first call in a fresh process, or calls right after a cache reset the caller supplies.</summary>
    Cold,
}
