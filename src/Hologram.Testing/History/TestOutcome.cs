namespace Hologram.Testing.History;

/// <summary>The outcome of one attempt of a test.</summary>
public enum TestOutcome
{
    /// <summary>The attempt passed.</summary>
    Passed,

    /// <summary>The attempt failed.</summary>
    Failed,

    /// <summary>The test was skipped (statically, by profile, or at run time).</summary>
    Skipped,
}
