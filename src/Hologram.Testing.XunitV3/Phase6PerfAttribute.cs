namespace Hologram.Testing.XunitV3;

/// <summary>Marks a performance-budget test (Phase6Perf); adds the trait <c>Category=Phase6Perf</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class Phase6PerfAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase6PerfAttribute()
        : base(HologramCategories.Phase6Perf)
    {
    }
}
