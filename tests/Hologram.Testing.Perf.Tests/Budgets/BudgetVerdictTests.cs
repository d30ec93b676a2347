using System.Text.RegularExpressions;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.Tests.Budgets;

public sealed class BudgetVerdictTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(10);

    [Fact]
    public void Upper_bound_within_the_budget_passes_without_a_rerun()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(i => 4 + (i % 7 * 0.3));

        var result = Perf.Measure("op", op.Invoke, op.Options(reports, samples: 400));
        var check = result.AssertWithinBudget(Budget);

        Assert.Equal(PerfVerdict.Pass, check.Verdict);
        Assert.False(check.Remeasured);
        Assert.Equal(400, check.Result.Count);
        Assert.Contains("≤ budget 10 ms [profile main, n=400, warm]", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_bound_over_the_budget_fails_with_a_readable_message()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(i => 9 + (i % 10 * 0.1));

        var result = Perf.Measure("verify", op.Invoke, op.Options(reports, samples: 100));
        var error = Assert.Throws<PerfBudgetExceededException>(() => result.AssertWithinBudget());

        // main's verify budget is 8 ms; 100 samples give only a lower bound, which is already over it: no rerun needed.
        Assert.Matches(new Regex(@"^verify p95 = 9\.\d+ ms \(99% CI 9\.\d+–∞\) > budget 8 ms \[profile main, n=100, warm\]$"), error.Message);
        Assert.Equal(PerfVerdict.Fail, error.Check!.Verdict);
        Assert.False(error.Check.Remeasured);
    }

    [Fact]
    public void Inconclusive_first_measurement_is_remeasured_once_with_more_samples()
    {
        using var reports = new TempReports("pr");
        var op = new FakeOperation(i => 5 + (i % 4 * 0.25));

        // 20 samples cannot bound p95 from above at 99%: inconclusive, so it re-measures with max(4 × 20, 2 × 104) = 208.
        var result = Perf.Measure("op", op.Invoke, op.Options(reports, samples: 20));
        Assert.True(double.IsPositiveInfinity(result.P95Upper));

        var check = result.AssertWithinBudget(Budget);

        Assert.Equal(PerfVerdict.Pass, check.Verdict);
        Assert.True(check.Remeasured);
        Assert.Equal(208, check.Result.Count);
        Assert.EndsWith("[profile pr, n=208, warm, re-measured]", check.Message, StringComparison.Ordinal);
        Assert.Equal(3, File.ReadAllLines(new ReportsLayout(reports.Options.ReportsDir).PerfCsv("op")).Length);
    }

    [Fact]
    public async Task An_async_measurement_is_remeasured_by_both_assertion_forms()
    {
        using var reports = new TempReports("pr");
        var op = new FakeOperation(i => 5 + (i % 4 * 0.25));
        async Task Call()
        {
            op.Invoke();
            await Task.Yield();
        }

        var result = await Perf.MeasureAsync("op", Call, op.Options(reports, samples: 20));

        var synchronous = result.AssertWithinBudget(Budget);
        var asynchronous = await result.AssertWithinBudgetAsync(Budget);

        Assert.True(synchronous.Remeasured);
        Assert.True(asynchronous.Remeasured);
        Assert.Equal(PerfVerdict.Pass, asynchronous.Verdict);
        Assert.Equal(208, asynchronous.Result.Count);
    }

    [Theory]
    [InlineData(InconclusiveOutcome.Skip)]
    [InlineData(InconclusiveOutcome.Pass)]
    [InlineData(InconclusiveOutcome.Fail)]
    public void Straddling_bounds_stay_inconclusive_and_follow_the_configured_outcome(InconclusiveOutcome outcome)
    {
        using var reports = new TempReports();

        // Exactly one call in 20 is slow: p95 sits on the step between 5 ms and 15 ms, so the interval straddles 10 ms.
        var op = new FakeOperation(i => i % 20 == 0 ? 15 : 5);
        var result = Perf.Measure("op", op.Invoke, op.Options(reports, samples: 400, outcome));

        switch (outcome)
        {
            case InconclusiveOutcome.Skip:
                var skip = Assert.Throws<SkipException>(() => result.AssertWithinBudget(Budget));
                Assert.Contains("straddles budget 10 ms", skip.Reason, StringComparison.Ordinal);
                Assert.EndsWith("re-measured]: inconclusive", skip.Reason, StringComparison.Ordinal);
                break;
            case InconclusiveOutcome.Pass:
                var check = result.AssertWithinBudget(Budget);
                Assert.Equal(PerfVerdict.Inconclusive, check.Verdict);
                Assert.True(check.Remeasured);
                Assert.Equal(1600, check.Result.Count);
                break;
            default:
                var error = Assert.Throws<PerfBudgetExceededException>(() => result.AssertWithinBudget(Budget));
                Assert.Equal(PerfVerdict.Inconclusive, error.Check!.Verdict);
                break;
        }
    }

    [Fact]
    public void Check_budget_reports_without_throwing()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(_ => 30);

        var check = Perf.Measure("gql", op.Invoke, op.Options(reports, samples: 50)).CheckBudget(Budget);

        Assert.Equal(PerfVerdict.Fail, check.Verdict);
        Assert.True(check.IsFailure);
    }

    [Fact]
    public void Budgets_come_from_the_profile_and_the_environment()
    {
        using var pr = new TempReports("pr");
        using var custom = new TempReports("pr", new Dictionary<string, string?> { ["SLO_ENCODE_P95_MS"] = "3" });
        var op = new FakeOperation(_ => 40);

        var prCheck = Perf.Measure("encode", op.Invoke, op.Options(pr, samples: 50)).CheckBudget();
        var customCheck = Perf.Measure("encode", op.Invoke, op.Options(custom, samples: 50)).CheckBudget();

        Assert.Equal(150, prCheck.BudgetMs);
        Assert.Equal(PerfVerdict.Pass, prCheck.Verdict);
        Assert.True(prCheck.Remeasured);
        Assert.Equal(3, customCheck.BudgetMs);
        Assert.Equal(PerfVerdict.Fail, customCheck.Verdict);
    }

    [Fact]
    public void A_measurement_without_a_budget_says_how_to_set_one()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(_ => 1);

        var error = Assert.Throws<InvalidOperationException>(() => Perf.Measure("parse", op.Invoke, op.Options(reports, samples: 10)).AssertWithinBudget());

        Assert.Contains("SLO_PARSE_P95_MS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_breach_rule_fails_only_after_n_breaching_runs()
    {
        using var reports = new TempReports();
        var csv = new ReportsLayout(reports.Options.ReportsDir).PerfCsv("verify");
        var op = new FakeOperation(_ => 20);
        var options = op.Options(reports, samples: 50, consecutive: 3);

        // No earlier run: breach 1 of 3 is reported as skipped, not failed.
        var first = Assert.Throws<SkipException>(() => Perf.Measure("verify", op.Invoke, options).AssertWithinBudget());
        Assert.Contains("breach 1 of 3 consecutive runs needed to fail", first.Reason, StringComparison.Ordinal);

        // One earlier run that breached, one before it that did not: still 2 of 3.
        PerfRecorder.AppendCsv(csv, Row("run-a", p95: 5));
        PerfRecorder.AppendCsv(csv, Row("run-b", p95: 12));
        var second = Assert.Throws<SkipException>(() => Perf.Measure("verify", op.Invoke, options).AssertWithinBudget());
        Assert.Contains("breach 2 of 3", second.Reason, StringComparison.Ordinal);

        // Two earlier breaching runs in a row: the third fails.
        PerfRecorder.AppendCsv(csv, Row("run-c", p95: 11));
        var error = Assert.Throws<PerfBudgetExceededException>(() => Perf.Measure("verify", op.Invoke, options).AssertWithinBudget());
        Assert.EndsWith("3 consecutive breaching runs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allocation_budget_is_checked_per_operation()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(_ => 1);
        var sink = new List<byte[]>();

        var result = Perf.Measure("alloc", () =>
        {
            op.Invoke();
            sink.Add(new byte[1000]);
            if (sink.Count > 10)
            {
                sink.Clear();
            }
        }, op.Options(reports, samples: 50));

        Assert.InRange(result.AllocatedBytesPerOperation, 1000, 1200);
        result.AssertAllocatedAtMost(2000);
        var error = Assert.Throws<PerfBudgetExceededException>(() => result.AssertAllocatedAtMost(500));
        Assert.StartsWith("alloc allocated 1,0", error.Message, StringComparison.Ordinal);
        Assert.Contains("/op > budget 500 B/op [profile main, n=50, warm]", error.Message, StringComparison.Ordinal);
    }

    private static PerfCsvRow Row(string run, double p95) =>
        new(DateTimeOffset.UtcNow, run, "main", string.Empty, PerfPhase.Warm, 50, p95, p95, p95, p95, p95, p95, 0, 0.99);
}
