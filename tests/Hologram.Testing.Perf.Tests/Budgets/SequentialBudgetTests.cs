using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.Tests.Budgets;

public sealed class SequentialBudgetTests
{
    /// <summary>Calls of 1–1.2 ms (p95 1.19 ms): 20 samples bound p95 neither below 2 ms nor above 1.15 ms at the first look's level.</summary>
    [Theory]
    [InlineData(1.0, 2.0, PerfVerdict.Pass)]
    [InlineData(1.0, 1.15, PerfVerdict.Fail)]
    public void An_undecided_first_measurement_is_continued_in_looks_until_decided_within_the_time_budget(double baseMs, double budgetMs, PerfVerdict expected)
    {
        using var reports = new TempReports("pr");
        var random = new Random(3);
        var op = new FakeOperation(_ => baseMs * (1 + (0.2 * random.NextDouble())));
        var started = op.Clock.GetTimestamp();

        var result = Perf.Measure("op", op.Invoke, Sequential(op, reports, TimeSpan.FromSeconds(5)));
        var check = result.CheckBudget(TimeSpan.FromMilliseconds(budgetMs));

        Assert.Equal(expected, check.Verdict);
        Assert.True(check.Looks > 1, $"{check.Looks} looks");
        Assert.True(check.Remeasured);
        Assert.True(check.Result.Count > 20, $"n={check.Result.Count}");
        Assert.True(op.Clock.GetElapsedTime(started) <= TimeSpan.FromSeconds(5), $"{op.Clock.GetElapsedTime(started)}");
        Assert.True(check.Result.ConfidenceLevel >= 0.99);
        Assert.EndsWith($"[profile pr, n={check.Result.Count}, warm, sequential: {check.Looks} looks]", check.Message, StringComparison.Ordinal);

        // The first measurement and the continued one are both recorded.
        Assert.Equal(3, File.ReadAllLines(new ReportsLayout(reports.Options.ReportsDir).PerfCsv("op")).Length);
    }

    [Fact]
    public void A_clear_breach_fails_at_the_first_look()
    {
        using var reports = new TempReports("pr");
        var random = new Random(3);
        var op = new FakeOperation(_ => 1 + (0.2 * random.NextDouble()));

        // Even at the first look's level (almost none of the error spent) the lower bound of 20 samples, X(6), is over 0.9 ms.
        var check = Perf.Measure("op", op.Invoke, Sequential(op, reports, TimeSpan.FromSeconds(5))).CheckBudget(TimeSpan.FromMilliseconds(0.9));

        Assert.Equal(PerfVerdict.Fail, check.Verdict);
        Assert.Equal(1, check.Looks);
        Assert.False(check.Remeasured);
        Assert.Equal(20, check.Result.Count);
        Assert.EndsWith("[profile pr, n=20, warm, sequential: 1 look]", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_p95_at_the_budget_stays_inconclusive_and_stops_when_the_time_budget_is_spent()
    {
        using var reports = new TempReports("pr");
        var random = new Random(4);
        var op = new FakeOperation(_ => 1 + random.NextDouble()); // uniform 1–2 ms: p95 = 1.95 ms
        var started = op.Clock.GetTimestamp();

        var result = Perf.Measure("op", op.Invoke, Sequential(op, reports, TimeSpan.FromSeconds(2)));
        var check = result.CheckBudget(TimeSpan.FromMilliseconds(1.95));

        Assert.Equal(PerfVerdict.Inconclusive, check.Verdict);
        Assert.True(check.Looks > 1);
        Assert.True(op.Clock.GetElapsedTime(started) <= TimeSpan.FromSeconds(2), $"{op.Clock.GetElapsedTime(started)}");
        Assert.True(check.Result.Count > 500, $"n={check.Result.Count}: the budget should have been used");
        Assert.Equal(0.99, check.Result.ConfidenceLevel, 3);
    }

    [Fact]
    public void Gql_samples_stay_the_minimum_of_the_first_look()
    {
        using var reports = new TempReports("pr", new Dictionary<string, string?> { ["GQL_SAMPLES"] = "300" });
        var op = new FakeOperation(i => 4 + (i % 7 * 0.3));
        var options = new PerfOptions
        {
            Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = op.Clock, Configuration = reports.Options,
            TimeBudget = TimeSpan.FromSeconds(10),
        };

        var result = Perf.Measure("op", op.Invoke, options);
        var check = result.AssertWithinBudget(TimeSpan.FromMilliseconds(10));

        Assert.Equal(300, result.Count);
        Assert.Equal(PerfVerdict.Pass, check.Verdict);
        Assert.True(check.Result.Count >= 300);
    }

    [Fact]
    public async Task An_async_measurement_is_continued_by_both_assertion_forms()
    {
        using var reports = new TempReports("pr");
        var random = new Random(5);
        var op = new FakeOperation(_ => 1 + (0.2 * random.NextDouble()));
        Task Call()
        {
            op.Invoke();
            return Task.CompletedTask;
        }

        var result = await Perf.MeasureAsync("op", Call, Sequential(op, reports, TimeSpan.FromSeconds(5)));
        var asynchronous = await result.AssertWithinBudgetAsync(TimeSpan.FromMilliseconds(2));
        var synchronous = result.AssertWithinBudget(TimeSpan.FromMilliseconds(2));

        Assert.True(asynchronous.Looks > 1);
        Assert.True(synchronous.Looks > 1);
        Assert.Equal(PerfVerdict.Pass, asynchronous.Verdict);
        Assert.Equal(PerfVerdict.Pass, synchronous.Verdict);
    }

    [Fact]
    public void The_time_budget_comes_from_the_profile_and_the_environment_and_a_bad_value_names_its_key()
    {
        using var pr = new TempReports("pr");
        using var nightly = new TempReports("nightly");
        using var set = new TempReports("pr", new Dictionary<string, string?> { ["HOLOGRAM__PERF__TIMEBUDGETMS"] = "0" });

        Assert.Equal(1000, pr.Options.Perf.TimeBudgetMs);
        Assert.Equal(5000, nightly.Options.Perf.TimeBudgetMs);
        Assert.Equal(0, set.Options.Perf.TimeBudgetMs);
        var op = new FakeOperation(i => 5 + (i % 4 * 0.25));
        var options = new PerfOptions { Samples = 20, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = op.Clock, Configuration = set.Options };
        var check = Perf.Measure("op", op.Invoke, options).CheckBudget(TimeSpan.FromMilliseconds(10));
        Assert.Equal(0, check.Looks); // 0 = fixed counts: the one re-measurement
        Assert.Equal(208, check.Result.Count);

        foreach (var bad in new[] { "-1", "soon", "1.5" })
        {
            var error = Assert.Throws<HologramConfigurationException>(() => new TempReports("pr", new Dictionary<string, string?> { ["HOLOGRAM__PERF__TIMEBUDGETMS"] = bad }));
            Assert.Equal("Perf:TimeBudgetMs", error.Key);
            Assert.DoesNotContain('\n', error.Message);
            Assert.StartsWith($"HOLOGRAM__PERF__TIMEBUDGETMS='{bad}' (environment variable HOLOGRAM__PERF__TIMEBUDGETMS)", error.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => Perf.Measure("op", op.Invoke, new PerfOptions { Configuration = pr.Options, TimeBudget = TimeSpan.FromSeconds(-1) }));
    }

    private static PerfOptions Sequential(FakeOperation op, TempReports reports, TimeSpan budget) => new()
    {
        Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = op.Clock, Configuration = reports.Options, TimeBudget = budget,
    };
}
