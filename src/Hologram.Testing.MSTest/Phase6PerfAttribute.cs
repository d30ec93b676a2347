namespace Hologram.Testing.MSTest;

/// <summary>Marks a performance-budget test (Phase6Perf); adds the MSTest test category <c>Phase6Perf</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class Phase6PerfAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase6PerfAttribute()
        : base(HologramCategories.Phase6Perf)
    {
    }
}
