namespace Hologram.Testing.MSTest;

/// <summary>Marks an end-to-end test against real services (Phase8E2E); adds the MSTest test category <c>Phase8E2E</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class Phase8E2EAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase8E2EAttribute()
        : base(HologramCategories.Phase8E2E)
    {
    }
}
