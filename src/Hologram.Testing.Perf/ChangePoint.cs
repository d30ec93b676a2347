namespace Hologram.Testing.Perf;

/// <summary>A sustained shift in a series: where the new level starts, the levels before and after, and how significant it is.</summary>
/// <param name="Index">The first point of the new level (the measurement of the first commit after the shift).</param>
/// <param name="Before">The median of the segment before the shift.</param>
/// <param name="After">The median of the segment from <paramref name="Index"/> on.</param>
/// <param name="PValue">The permutation test's p-value of the split.</param>
public sealed record ChangePoint(int Index, double Before, double After, double PValue)
{
    /// <summary>The shift in percent of <see cref="Before"/> (positive: slower).</summary>
    public double ChangePct => Before > 0 ? (After / Before - 1) * 100 : double.NaN;
}
