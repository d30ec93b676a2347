namespace Hologram.Testing.Perf;

/// <summary>The three-valued outcome of a budget or regression check.</summary>
public enum PerfVerdict
{
    /// <summary>Confidently within the limit: the upper confidence bound is at or below it.</summary>
    Pass,

    /// <summary>Confidently over the limit: the lower confidence bound is above it.</summary>
    Fail,

    /// <summary>The confidence interval straddles the limit (or the comparison is not valid, e.g. another machine).</summary>
    Inconclusive,
}
