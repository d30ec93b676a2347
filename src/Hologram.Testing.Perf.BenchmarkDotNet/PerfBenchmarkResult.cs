namespace Hologram.Testing.Perf.BenchmarkDotNet;

/// <summary>One benchmark method's latency measurement and its budgets.</summary>
/// <param name="Method">The benchmark method's name.</param>
/// <param name="Result">Its per-iteration (per-call) latencies as a measurement.</param>
/// <param name="Budget">Its <see cref="PerfBudgetAttribute"/>, or <see langword="null"/> when it has no budget.</param>
/// <param name="BenchmarkDotNetP95Ms">BenchmarkDotNet's own p95 of the same iterations (its percentile definition), ms.</param>
public sealed record PerfBenchmarkResult(string Method, PerfResult Result, PerfBudgetAttribute? Budget, double BenchmarkDotNetP95Ms)
{
    /// <summary>Checks the benchmark's budgets (p95 and allocations) when it has any.</summary>
    /// <returns>The p95 check, or <see langword="null"/> when the benchmark has no budget.</returns>
    /// <exception cref="PerfBudgetExceededException">A budget is confidently exceeded.</exception>
    /// <exception cref="SkipException">The p95 check stayed inconclusive and the options say skip.</exception>
    public BudgetCheck? AssertWithinBudget()
    {
        if (Budget is null)
        {
            return null;
        }

        if (Budget.AllocatedBytes >= 0)
        {
            Result.AssertAllocatedAtMost(Budget.AllocatedBytes);
        }

        return Budget.P95Ms > 0 ? Result.AssertWithinBudget(TimeSpan.FromMilliseconds(Budget.P95Ms)) : Result.AssertWithinBudget();
    }
}
