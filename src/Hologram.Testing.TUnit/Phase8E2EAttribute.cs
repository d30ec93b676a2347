namespace Hologram.Testing.TUnit;

/// <summary>Marks an end-to-end test (Phase8E2E); adds the TUnit category <c>Phase8E2E</c>.</summary>
public sealed class Phase8E2EAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase8E2EAttribute()
        : base(HologramCategories.Phase8E2E)
    {
    }
}
