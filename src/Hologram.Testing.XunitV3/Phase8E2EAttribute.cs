namespace Hologram.Testing.XunitV3;

/// <summary>Marks an end-to-end test against real services (Phase8E2E); adds the trait <c>Category=Phase8E2E</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class Phase8E2EAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase8E2EAttribute()
        : base(HologramCategories.Phase8E2E)
    {
    }
}
