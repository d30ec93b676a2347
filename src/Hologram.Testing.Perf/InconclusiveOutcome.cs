namespace Hologram.Testing.Perf;

/// <summary>What an assertion does when its check stays inconclusive after the re-measurement.</summary>
public enum InconclusiveOutcome
{
    /// <summary>End the test as skipped, with the measurement as the reason (the default).</summary>
    Skip,

    /// <summary>Let the test pass.</summary>
    Pass,

    /// <summary>Fail the test with <see cref="PerfBudgetExceededException"/>.</summary>
    Fail,
}
