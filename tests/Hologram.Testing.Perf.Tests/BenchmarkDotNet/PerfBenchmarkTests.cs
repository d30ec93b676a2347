using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Hologram.Testing.Perf.BenchmarkDotNet;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.Tests.BenchmarkDotNet;

[Collection(TimingCollection.Name)]
public sealed class PerfBenchmarkTests
{
    [Fact]
    public void Runs_benchmarks_in_process_one_call_per_iteration_and_applies_budgets()
    {
        using var reports = new TempReports();

        var run = PerfBenchmark.Run<SpinBenchmarks>(new PerfOptions { Samples = 30, Warmup = 3, Configuration = reports.Options, MaxWarmupTime = TimeSpan.FromSeconds(1) });

        Assert.Equal(2, run.Benchmarks.Count);
        var spin = run["spin"];
        Assert.Equal("Spin", spin.Method);
        Assert.Equal(30, spin.Result.Count);
        Assert.True(spin.Result.Min >= 0.2, $"min {spin.Result.Min} ms");
        Assert.InRange(spin.Result.P50, 0.2, 2);
        Assert.InRange(spin.BenchmarkDotNetP95Ms, 0.2, 50);
        Assert.True(spin.Result.AllocatedBytesPerOperation < 100);

        var allocating = run["SpinBenchmarks.Allocate"];
        Assert.Null(allocating.Budget);
        Assert.True(allocating.Result.AllocatedBytesPerOperation >= 1024);

        // 30 samples cannot bound p95 from above: the check re-runs the benchmark with more iterations, then passes.
        var checks = run.AssertWithinBudgets();
        var check = Assert.Single(checks);
        Assert.Equal(PerfVerdict.Pass, check.Verdict);
        Assert.True(check.Remeasured);
        Assert.Equal(208, check.Result.Count);
        Assert.Equal(3, File.ReadAllLines(new ReportsLayout(reports.Options.ReportsDir).PerfCsv("spin")).Length);
        Assert.NotNull(run.Summary);
    }

    [Fact]
    public void An_allocation_budget_on_the_attribute_is_enforced()
    {
        using var reports = new TempReports();

        var run = PerfBenchmark.Run<AllocationBudgetBenchmarks>(new PerfOptions { Samples = 10, Warmup = 1, Configuration = reports.Options, SettleJit = false, MinWarmupTime = TimeSpan.Zero });

        var error = Assert.Throws<PerfBudgetExceededException>(() => run.AssertWithinBudgets());
        Assert.StartsWith("alloc allocated", error.Message, StringComparison.Ordinal);
    }

    private static void Spin(double ms)
    {
        var end = Stopwatch.GetTimestamp() + (long)(ms / 1000 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            Thread.SpinWait(1);
        }
    }

#pragma warning disable CA1822, CA1034 // BenchmarkDotNet needs public instance methods on public nested types.
    public class SpinBenchmarks
    {
        [Benchmark]
        [PerfBudget("spin", P95Ms = 50)]
        public void Spin() => PerfBenchmarkTests.Spin(0.2);

        [Benchmark]
        public byte[] Allocate() => new byte[1024];
    }

    public class AllocationBudgetBenchmarks
    {
        [Benchmark]
        [PerfBudget("alloc", P95Ms = 1000, AllocatedBytes = 16)]
        public byte[] Allocate() => new byte[4096];
    }
#pragma warning restore CA1822, CA1034
}
