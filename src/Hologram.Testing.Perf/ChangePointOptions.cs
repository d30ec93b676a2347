namespace Hologram.Testing.Perf;

/// <summary>Settings of <see cref="ChangePointDetector"/>: segment size, significance, permutations and the smallest shift reported.</summary>
public sealed record ChangePointOptions
{
    /// <summary>
    /// The fewest points on each side of a change point (default 4): a shift must last this many measurements to count,
    /// so a single outlier (or two) is never a segment of its own.
    /// </summary>
    public int MinSegment { get; init; } = 4;

    /// <summary>The significance level of each split's permutation test (default 0.01).</summary>
    public double Significance { get; init; } = 0.01;

    /// <summary>Permutations per test (default 199: the smallest p-value is 1/200).</summary>
    public int Permutations { get; init; } = 199;

    /// <summary>
    /// The smallest shift reported, in percent of the median before it (default 5): the medians of the segments on either
    /// side must differ by at least this much. Below it a significant split is real but too small to act on.
    /// </summary>
    public double MinChangePct { get; init; } = 5;

    /// <summary>The most points analysed (default 500, the latest ones): the cost grows with its square.</summary>
    public int MaxPoints { get; init; } = 500;

    /// <summary>Seeds the permutations (default 0); the same series and seed always give the same result.</summary>
    public int Seed { get; init; }
}
