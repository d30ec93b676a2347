namespace Hologram.Testing.NUnit;

/// <summary>Marks a test that CI profiles pr and main skip automatically (NoCi); adds the NUnit category <c>NoCi</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class NoCiAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public NoCiAttribute()
        : base(HologramCategories.NoCi)
    {
    }
}
