namespace Hologram.Testing.Perf;

/// <summary>The outcome of checking a measurement's p95 against a latency budget.</summary>
/// <param name="Name">The measurement name.</param>
/// <param name="Verdict">Pass, fail or inconclusive, from the p95 confidence bounds of <paramref name="Result"/>.</param>
/// <param name="BudgetMs">The p95 budget in milliseconds.</param>
/// <param name="Result">The measurement judged: the re-measurement when there was one.</param>
/// <param name="Remeasured">Whether the first measurement was inconclusive and was re-measured with more samples.</param>
/// <param name="ConsecutiveBreaches">How many consecutive runs, this one included, breached the budget (p95 over it); 0 when this one did not.</param>
/// <param name="RequiredBreaches">How many consecutive breaching runs make a failure (the alert rule; 1 = any confident breach).</param>
/// <param name="Message">A one-line description, e.g. <c>verify p95 = 9.8 ms (99% CI 9.4–10.3) &gt; budget 8 ms [profile main, n=100, warm]</c>.</param>
public sealed record BudgetCheck(
    string Name,
    PerfVerdict Verdict,
    double BudgetMs,
    PerfResult Result,
    bool Remeasured,
    int ConsecutiveBreaches,
    int RequiredBreaches,
    string Message)
{
    /// <summary>How many looks a sequential check (<see cref="PerfOptions.TimeBudget"/>) made, the first measurement included; 0 for fixed sample counts.</summary>
    public int Looks { get; init; }

    /// <summary>Whether the check fails the test: a confident breach that also meets the consecutive-runs rule.</summary>
    public bool IsFailure => Verdict == PerfVerdict.Fail && ConsecutiveBreaches >= RequiredBreaches;
}
