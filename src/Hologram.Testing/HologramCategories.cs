namespace Hologram.Testing;

/// <summary>The category names Hologram's trait attributes add, shared by every test-framework adapter.</summary>
public static class HologramCategories
{
    /// <summary>The trait name every Hologram category is reported under (<c>Category=&lt;Name&gt;</c>).</summary>
    public const string TraitName = "Category";

    /// <summary>Performance-budget tests.</summary>
    public const string Phase6Perf = nameof(Phase6Perf);

    /// <summary>End-to-end tests against real services.</summary>
    public const string Phase8E2E = nameof(Phase8E2E);

    /// <summary>Chaos tests: killed processes, injected faults, load ramps.</summary>
    public const string Phase9Chaos = nameof(Phase9Chaos);

    /// <summary>Tests that must not run in CI profiles that say so (<c>pr</c>, <c>main</c>).</summary>
    public const string NoCi = nameof(NoCi);
}
