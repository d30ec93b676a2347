namespace Hologram.Testing.TUnit;

/// <summary>Marks a test that CI profiles pr and main skip automatically (NoCi); adds the TUnit category <c>NoCi</c>.</summary>
public sealed class NoCiAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public NoCiAttribute()
        : base(HologramCategories.NoCi)
    {
    }
}
