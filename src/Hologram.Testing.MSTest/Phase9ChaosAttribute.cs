namespace Hologram.Testing.MSTest;

/// <summary>Marks a chaos test: killed processes, injected faults, load ramps (Phase9Chaos); adds the MSTest test category <c>Phase9Chaos</c>.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, AllowMultiple = false, Inherited = true)]
public sealed class Phase9ChaosAttribute : HologramCategoryAttribute
{
    /// <summary>Creates the attribute.</summary>
    public Phase9ChaosAttribute()
        : base(HologramCategories.Phase9Chaos)
    {
    }
}
