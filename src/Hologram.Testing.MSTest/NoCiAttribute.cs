namespace Hologram.Testing.MSTest;

/// <summary>Marks a test that CI profiles pr and main skip automatically (NoCi); adds the MSTest test category <c>NoCi</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class NoCiAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public NoCiAttribute()
        : base(HologramCategories.NoCi)
    {
    }
}
