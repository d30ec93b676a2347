using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Perf.Tests.Sampling;

public sealed class SequentialCompareTests
{
    [Theory]
    [InlineData(1.0, PerfVerdict.Pass)]
    [InlineData(1.5, PerfVerdict.Fail)]
    public void Compare_with_a_time_budget_samples_past_the_minimum_until_decided_within_the_budget(double slowdown, PerfVerdict expected)
    {
        using var reports = new TempReports("pr");
        var (clock, call) = Calls(noise: 0.05);
        var started = clock.GetTimestamp();

        var comparison = Perf.Compare("seq", () => call(1), () => call(slowdown), Options(reports, clock, TimeSpan.FromSeconds(10)));

        Assert.Equal(expected, comparison.Verdict);
        Assert.True(comparison.Looks >= 1);
        Assert.True(comparison.Baseline.Count >= 200, $"{comparison.Baseline.Count} pairs");
        Assert.True(clock.GetElapsedTime(started) <= TimeSpan.FromSeconds(10), $"{clock.GetElapsedTime(started)}");
        Assert.Contains($"n={comparison.Baseline.Count} pairs", comparison.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_budget_too_short_for_a_second_look_ends_inconclusive_after_the_first()
    {
        using var reports = new TempReports("pr");
        var (clock, call) = Calls(noise: 0.3);

        // At the threshold (+10%) no look can decide; 200 pairs of ~2.3 ms already exceed the budget.
        var comparison = Perf.Compare("seq", () => call(1), () => call(1.1), Options(reports, clock, TimeSpan.FromSeconds(0.5)));

        Assert.Equal(PerfVerdict.Inconclusive, comparison.Verdict);
        Assert.Equal(1, comparison.Looks);
        Assert.Equal(0.99, comparison.Baseline.ConfidenceLevel, 12);
    }

    [Fact]
    public async Task Compare_async_samples_sequentially_too()
    {
        using var reports = new TempReports("pr");
        var (clock, call) = Calls(noise: 0.05);
        var started = clock.GetTimestamp();

        var comparison = await Perf.CompareAsync(
            "seq", () => { call(1); return Task.CompletedTask; }, () => { call(1.5); return Task.CompletedTask; }, Options(reports, clock, TimeSpan.FromSeconds(10)));

        Assert.Equal(PerfVerdict.Fail, comparison.Verdict);
        Assert.True(comparison.Looks >= 1);
        Assert.True(comparison.Baseline.Count >= 200);
        Assert.True(clock.GetElapsedTime(started) <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void The_profile_time_budget_makes_compare_sequential_and_zero_keeps_the_fixed_count()
    {
        using var reports = new TempReports("pr");
        var (clock, call) = Calls(noise: 0.05);
        var fixedOptions = new PerfOptions
        {
            Configuration = reports.Options, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = clock, Record = false,
            TimeBudget = TimeSpan.Zero,
        };

        var sequential = Perf.Compare("seq", () => call(0.01), () => call(0.01), Options(reports, clock, budget: null));
        var fixedCount = Perf.Compare("seq", () => call(0.01), () => call(0.01), fixedOptions);

        Assert.Equal(1000, reports.Options.Perf.TimeBudgetMs);
        Assert.True(sequential.Looks >= 1);
        Assert.True(sequential.Baseline.Count >= 200);
        Assert.Equal(0, fixedCount.Looks);
        Assert.Equal(20, fixedCount.Baseline.Count);
    }

    private static PerfOptions Options(TempReports reports, FakeTimeProvider clock, TimeSpan? budget) => new()
    {
        Configuration = reports.Options, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = clock, Record = false,
        TimeBudget = budget,
    };

    /// <summary>A fake clock and a call that advances it by factor × 1 ms × (1 + noise × U(0, 1)).</summary>
    private static (FakeTimeProvider Clock, Action<double> Call) Calls(double noise)
    {
        var clock = new FakeTimeProvider();
        var random = new Random(5);
        return (clock, factor => clock.Advance(TimeSpan.FromTicks((long)(TimeSpan.TicksPerMillisecond * factor * (1 + (noise * random.NextDouble()))))));
    }
}
