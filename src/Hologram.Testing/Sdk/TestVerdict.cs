using Hologram.Testing.History;

namespace Hologram.Testing.Sdk;

/// <summary>
/// What an adapter reports to its runner for one observed test of the final attempt: passed, failed, or skipped with
/// <see cref="Reason"/>. A skip verdict for an observed failure (a run-time skip, a quarantined test) means the adapter
/// reports the failure as a skip and corrects its totals.
/// </summary>
/// <param name="ReportAs">The outcome to report.</param>
/// <param name="Reason">The skip reason when <paramref name="ReportAs"/> is <see cref="TestOutcome.Skipped"/>.</param>
public readonly record struct TestVerdict(TestOutcome ReportAs, string? Reason = null)
{
    /// <summary>True when an observed failure is to be reported as a skip with <see cref="Reason"/>.</summary>
    /// <param name="observed">What the framework reported.</param>
    public bool TurnsFailureIntoSkip(TestOutcome observed) => observed == TestOutcome.Failed && ReportAs == TestOutcome.Skipped;
}
