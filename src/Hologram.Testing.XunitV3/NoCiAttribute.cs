namespace Hologram.Testing.XunitV3;

/// <summary>Marks a test that CI profiles pr and main skip automatically (NoCi); adds the trait <c>Category=NoCi</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class NoCiAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public NoCiAttribute()
        : base(HologramCategories.NoCi)
    {
    }
}
