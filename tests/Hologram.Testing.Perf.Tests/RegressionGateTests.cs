using Hologram.Testing.Statistics;
using System.Diagnostics;
using Hologram.Testing.Perf.Tests.Budgets;

namespace Hologram.Testing.Perf.Tests;

[Collection(TimingCollection.Name)]
public sealed class RegressionGateTests
{
    [Fact]
    public void A_confidently_slower_candidate_fails_and_an_equal_one_passes()
    {
        var baseline = Record(Enumerable.Range(0, 300).Select(i => 10 + (i % 17 * 0.1)));
        var slower = Record(Enumerable.Range(0, 300).Select(i => 1.3 * (10 + (i % 13 * 0.1))));
        var same = Record(Enumerable.Range(0, 300).Select(i => 10 + (i % 19 * 0.09)));

        var fail = RegressionGate.Compare(baseline, slower, 10, 0.99);
        var pass = RegressionGate.Compare(baseline, same, 10, 0.99);

        Assert.Equal(PerfVerdict.Fail, fail.Verdict);
        Assert.True(fail.RatioLower > 1.1);
        Assert.Contains("> threshold +10%: regression [n=300 vs 300]", fail.Message, StringComparison.Ordinal);
        Assert.Equal(PerfVerdict.Pass, pass.Verdict);
    }

    [Fact]
    public void A_different_environment_is_inconclusive_not_a_failure()
    {
        var baseline = Record(Enumerable.Repeat(10.0, 100)) with
        {
            Environment = EnvironmentFingerprint.Current with { Cores = EnvironmentFingerprint.Current.Cores + 6, CpuModel = "Other CPU" },
        };
        var slower = Record(Enumerable.Repeat(20.0, 100));

        var check = RegressionGate.Compare(baseline, slower, 10, 0.99);

        Assert.Equal(PerfVerdict.Inconclusive, check.Verdict);
        Assert.Equal(2, check.EnvironmentDifferences.Count);
        Assert.Contains("environment differs", check.Message, StringComparison.Ordinal);
        Assert.Contains("cpu: Other CPU vs", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_baseline_is_inconclusive()
    {
        var check = RegressionGate.Compare(null, Record([1, 2, 3]), 10, 0.99);

        Assert.Equal(PerfVerdict.Inconclusive, check.Verdict);
        Assert.Contains("no baseline", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Records_without_samples_compare_by_their_bounds()
    {
        var baseline = Record(Enumerable.Repeat(10.0, 5)) with { Samples = [], P95 = 10, P95Lower = 9, P95Upper = 11 };
        var candidate = baseline with { P95 = 15, P95Lower = 14, P95Upper = 16 };

        var check = RegressionGate.Compare(baseline, candidate, 10, 0.99);

        Assert.Equal(14.0 / 11, check.RatioLower, 9);
        Assert.Equal(16.0 / 9, check.RatioUpper, 9);
        Assert.Equal(PerfVerdict.Fail, check.Verdict);
    }

    [Fact]
    public void In_test_gate_reads_the_stored_baseline()
    {
        using var reports = new TempReports();
        var fast = new FakeOperation(i => 5 + (i % 7 * 0.05));
        var slow = new FakeOperation(i => 7 + (i % 7 * 0.05));

        Perf.Measure("verify", fast.Invoke, fast.Options(reports, samples: 200));
        PerfBaseline.FromLatest(reports.Options.ReportsDir).Save(PerfBaseline.DefaultPath(reports.Options.ReportsDir));
        var candidate = Perf.Measure("verify", slow.Invoke, slow.Options(reports, samples: 200));

        var error = Assert.Throws<PerfBudgetExceededException>(() => candidate.AssertNoRegression());
        Assert.Contains("regression", error.Message, StringComparison.Ordinal);
        Assert.Equal(PerfVerdict.Inconclusive, Perf.Measure("other", fast.Invoke, fast.Options(reports, samples: 20)).CheckRegression().Verdict);
    }

    [Fact]
    public void Paired_comparison_flags_a_confident_slowdown_and_passes_an_equal_pair()
    {
        using var reports = new TempReports();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var calls = 0;
        var options = new PerfOptions
        {
            Samples = 300, Warmup = 1, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = clock, Configuration = reports.Options,
        };
        void Take(double ms) => clock.Advance(TimeSpan.FromTicks((long)(ms * (1 + (calls++ % 11 * 0.01)) * TimeSpan.TicksPerMillisecond)));

        var slower = Perf.Compare("verify", () => Take(10), () => Take(13), options);
        var equal = Perf.Compare("verify", () => Take(10), () => Take(10), options);

        Assert.Equal(PerfVerdict.Fail, slower.Verdict);
        Assert.InRange(slower.Ratio, 1.25, 1.35);
        Assert.True(slower.RatioLower > 1.1, slower.Message);
        Assert.Contains("threshold +10%: regression [profile main, n=300 pairs, interleaved]", slower.Message, StringComparison.Ordinal);
        Assert.Throws<PerfBudgetExceededException>(slower.AssertNoRegression);
        Assert.Equal(PerfVerdict.Pass, equal.Verdict);
        equal.AssertNoRegression();
        Assert.False(Directory.Exists(reports.PerfDir));
    }

    [Fact]
    public void Paired_comparison_of_real_spins_sees_the_slowdown()
    {
        using var reports = new TempReports();
        var options = new PerfOptions { Samples = 200, Configuration = reports.Options, MaxWarmupTime = TimeSpan.FromSeconds(1) };

        var comparison = Perf.Compare("spin", () => Spin(0.2), () => Spin(0.4), options);

        // The medians are robust to preemption on a shared machine; the p95 ratio may be too noisy to call, never a pass.
        Assert.InRange(comparison.MedianRatio, 1.4, 2.6);
        Assert.NotEqual(PerfVerdict.Pass, comparison.Verdict);
    }

    private static PerfRecord Record(IEnumerable<double> samples)
    {
        var values = samples.ToArray();
        var sorted = values.Order().ToArray();
        var interval = Hologram.Testing.Perf.Statistics.QuantileInterval.Compute(sorted, 0.95, 0.99);
        return new PerfRecord
        {
            Name = "verify",
            N = values.Length,
            P95 = Hologram.Testing.Statistics.HarrellDavis.Quantile(sorted, 0.95),
            P95Lower = interval.Lower,
            P95Upper = interval.Upper,
            Level = 0.99,
            Environment = EnvironmentFingerprint.Current,
            Samples = values,
        };
    }

    private static void Spin(double ms)
    {
        var end = Stopwatch.GetTimestamp() + (long)(ms / 1000 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            Thread.SpinWait(1);
        }
    }
}
