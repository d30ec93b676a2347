namespace Hologram.Testing.TUnit;

/// <summary>Marks a performance-budget test (Phase6Perf); adds the TUnit category <c>Phase6Perf</c>.</summary>
public sealed class Phase6PerfAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase6PerfAttribute()
        : base(HologramCategories.Phase6Perf)
    {
    }
}
