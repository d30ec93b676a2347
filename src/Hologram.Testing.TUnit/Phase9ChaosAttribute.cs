namespace Hologram.Testing.TUnit;

/// <summary>Marks a chaos test (Phase9Chaos); adds the TUnit category <c>Phase9Chaos</c>.</summary>
public sealed class Phase9ChaosAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase9ChaosAttribute()
        : base(HologramCategories.Phase9Chaos)
    {
    }
}
