using BenchmarkDotNet.Reports;

namespace Hologram.Testing.Perf.BenchmarkDotNet;

/// <summary>What <see cref="PerfBenchmark.Run{TBenchmark}"/> measured: BenchmarkDotNet's summary and a latency result per benchmark.</summary>
/// <param name="Summary">BenchmarkDotNet's summary (its exporters ran as configured).</param>
/// <param name="Benchmarks">One entry per benchmark method, in BenchmarkDotNet's order.</param>
public sealed record PerfBenchmarkRun(Summary Summary, IReadOnlyList<PerfBenchmarkResult> Benchmarks)
{
    /// <summary>The entry of a benchmark method or budget name (case-insensitive).</summary>
    /// <param name="name">A method or budget name.</param>
    /// <returns>The entry.</returns>
    public PerfBenchmarkResult this[string name] =>
        Benchmarks.FirstOrDefault(b => string.Equals(b.Method, name, StringComparison.OrdinalIgnoreCase) || string.Equals(b.Result.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new KeyNotFoundException($"No benchmark named '{name}'.");

    /// <summary>Checks every benchmark that has a <see cref="PerfBudgetAttribute"/>; the first confident breach throws.</summary>
    /// <returns>The p95 checks made.</returns>
    public IReadOnlyList<BudgetCheck> AssertWithinBudgets() =>
        Benchmarks.Select(b => b.AssertWithinBudget()).OfType<BudgetCheck>().ToList();
}
