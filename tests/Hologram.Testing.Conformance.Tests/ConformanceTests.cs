using Hologram.Testing.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Conformance.Tests;

/// <summary>The same scenarios through the xUnit v2, xUnit v3 and NUnit adapters: the same reports and the same store records.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ConformanceTests(ConformanceRuns runs)
{
    private static readonly string[] AllIds =
    [
        "Conformance.E2ETests.E2EFact",
        "Conformance.E2ETests.E2ELocalOnly",
        "Conformance.E2ETests.NeedsService",
        "Conformance.FlakyTests.Fails",
        "Conformance.FlakyTests.FailsOnceThenPasses",
        "Conformance.FlakyTests.Quarantined",
        "Conformance.FlakyTests.SkipsAtRunTime",
        "Conformance.PerfTests.PerfFact",
        "Conformance.PerfTests.PerfRows(value: 1)",
        "Conformance.PerfTests.PerfRows(value: 2)",
        "Conformance.RetryOptionsTests.FilteredOut",
        "Conformance.RetryOptionsTests.TimesOutOnce",
    ];

    public static TheoryData<string> Adapters => new() { "xunit2", "xunit3", "nunit", "tunit", "mstest" };

    [Theory, MemberData(nameof(Adapters))]
    public void Main_run_reports_the_failure_NoCi_run_time_and_quarantine_skips_and_passes_the_flaky_test(string adapter) =>
        AssertMainRunReports(runs[adapter, "main"]);

    /// <summary>What the runner reported for the main scenario: the same under every adapter and framework version.</summary>
    internal static void AssertMainRunReports(ScenarioRun run)
    {
        Assert.True(run.ExitCode == 1, run.Output);
        Assert.Equal(["E2EFact", "FailsOnceThenPasses", "FilteredOut", "PerfFact", "PerfRows", "PerfRows", "TimesOutOnce"], run.ReportedAs("Passed"));
        Assert.Equal(["E2ELocalOnly", "NeedsService", "Quarantined", "SkipsAtRunTime"], run.ReportedAs("NotExecuted"));
        Assert.Equal(["Fails"], run.ReportedAs("Failed"));
        Assert.Contains("fails on every attempt", run.MessageOf("Fails"), StringComparison.Ordinal);
        Assert.Contains("profile 'pr'", run.MessageOf("E2ELocalOnly"), StringComparison.Ordinal);
        Assert.Equal("skipped at run time by Skip.If", run.MessageOf("SkipsAtRunTime"));
        Assert.Contains("CONFORMANCE_SERVICE is not configured", run.MessageOf("NeedsService"), StringComparison.Ordinal);
        Assert.StartsWith("quarantined since", run.MessageOf("Quarantined"), StringComparison.Ordinal);
        Assert.Contains("quarantined test fails", run.MessageOf("Quarantined"), StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void Main_run_records_every_attempt_with_the_shared_id_scheme(string adapter) =>
        AssertMainRunRecords(adapter, runs[adapter, "main"]);

    /// <summary>What the main scenario recorded: the same under every adapter and framework version.</summary>
    internal static void AssertMainRunRecords(string adapter, ScenarioRun run)
    {
        Assert.Equal(adapter, Assert.Single(run.Runs).Framework);
        Assert.Equal("pr", run.Runs[0].Profile);
        Assert.Equal(AllIds.Except(["Conformance.E2ETests.E2ELocalOnly"]), run.RecordedIds);
        var flaky = run.Attempts.Where(a => a.TestId == "Conformance.FlakyTests.FailsOnceThenPasses").ToList();
        Assert.Equal([TestOutcome.Failed, TestOutcome.Passed], flaky.Select(a => a.Outcome));
        Assert.Equal([false, true], flaky.Select(a => a.IsFinal));
        var quarantined = run.Attempts.Where(a => a.TestId == ConformanceRuns.QuarantinedTest).ToList();
        Assert.Equal(3, quarantined.Count);
        Assert.All(quarantined, a => Assert.Equal(TestOutcome.Failed, a.Outcome));
        Assert.True(quarantined[^1].Quarantined && quarantined[^1].IsFinal);
        Assert.Equal(TestOutcome.Skipped, run.Attempts.Single(a => a.TestId == "Conformance.FlakyTests.SkipsAtRunTime").Outcome);
        Assert.Equal(["Phase6Perf", "Phase9Chaos"], run.Attempts.Single(a => a.TestId == "Conformance.PerfTests.PerfFact").Categories.Order());
        Assert.Equal(["Phase8E2E", "Phase9Chaos"], run.Attempts.Single(a => a.TestId == "Conformance.E2ETests.E2EFact").Categories.Order());
    }

    [Fact]
    public void The_three_adapters_record_the_same_attempts()
    {
        var xunit2 = runs["xunit2", "main"].Normalized;

        // 11 recorded tests, one extra attempt of the flaky test, two of the quarantined one, two of the failing one
        Assert.Equal(16, xunit2.Count);
        Assert.Equal(xunit2, runs["xunit3", "main"].Normalized);
        Assert.Equal(xunit2, runs["nunit", "main"].Normalized);
        Assert.Equal(xunit2, runs["tunit", "main"].Normalized);
        Assert.Equal(xunit2, runs["mstest", "main"].Normalized);
    }

    [Fact]
    public void The_scenarios_cover_a_failure_a_run_time_skip_a_retried_flake_and_a_quarantined_failure_with_their_fields()
    {
        var attempts = runs["xunit2", "main"].Attempts;

        var failure = attempts.Last(a => a.TestId == "Conformance.FlakyTests.Fails");
        Assert.Equal((TestOutcome.Failed, 3, true, false, "fails on every attempt"), (failure.Outcome, failure.Attempt, failure.IsFinal, failure.Quarantined, failure.ErrorMessage));
        Assert.Matches("^[0-9a-f]{12}$", failure.ErrorSignature);
        var skip = attempts.Single(a => a.TestId == "Conformance.FlakyTests.SkipsAtRunTime");
        Assert.Equal((TestOutcome.Skipped, "skipped at run time by Skip.If", (string?)null), (skip.Outcome, skip.ErrorMessage, skip.ErrorSignature));
        var flaky = attempts.Where(a => a.TestId == "Conformance.FlakyTests.FailsOnceThenPasses").ToList();
        Assert.Equal(("first attempt fails", (string?)null), (flaky[0].ErrorMessage, flaky[1].ErrorMessage));
        Assert.NotNull(flaky[0].ErrorSignature);
        var quarantined = attempts.Last(a => a.TestId == ConformanceRuns.QuarantinedTest);
        Assert.Equal((true, "quarantined test fails"), (quarantined.Quarantined, quarantined.ErrorMessage));
        // The same exception thrown from the same place has one signature, whatever the test.
        Assert.NotEqual(failure.ErrorSignature, flaky[0].ErrorSignature);
    }

    [Theory]
    [InlineData("xunit3")]
    [InlineData("nunit")]
    [InlineData("tunit")]
    [InlineData("mstest")]
    public void Every_recorded_field_of_every_attempt_equals_the_xunit2_record(string adapter)
    {
        var differences = AttemptFields.Differences(runs["xunit2", "main"].Attempts, runs[adapter, "main"].Attempts);

        Assert.True(differences.Count == 0, $"{adapter} differs from xunit2:\n" + string.Join("\n", differences));
    }

    [Theory]
    [InlineData("xunit3")]
    [InlineData("nunit")]
    [InlineData("tunit")]
    [InlineData("mstest")]
    public void The_flake_of_a_retried_test_carries_the_same_signature_under_every_adapter(string adapter)
    {
        var reference = Assert.Single(runs.AfterRelease["xunit2"].Flakes);
        var flake = Assert.Single(runs.AfterRelease[adapter].Flakes);

        Assert.Equal((reference.TestId, reference.Kind, reference.ErrorSignature), (flake.TestId, flake.Kind, flake.ErrorSignature));
        Assert.NotNull(flake.ErrorSignature);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void Retry_then_pass_is_recorded_as_a_flake_and_a_passing_quarantined_test_is_released(string adapter)
    {
        var (quarantined, audit, flakes) = runs.AfterRelease[adapter];

        var flake = Assert.Single(flakes);
        Assert.Equal("Conformance.FlakyTests.FailsOnceThenPasses", flake.TestId);
        Assert.Equal(FlakeKind.PassedOnRetry, flake.Kind);
        Assert.Empty(quarantined);
        var release = Assert.Single(audit, a => a.Action == AuditActions.Released);
        Assert.Equal(QuarantinePolicy.Actor, release.By);
        Assert.True(runs[adapter, "release"].ExitCode == 0, runs[adapter, "release"].Output);
        Assert.Equal(TestOutcome.Passed, runs[adapter, "release"].Attempts.Single(a => a.TestId == ConformanceRuns.QuarantinedTest).Outcome);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void Two_shards_partition_the_suite(string adapter)
    {
        var first = runs[adapter, "shard1"].RecordedIds;
        var second = runs[adapter, "shard2"].RecordedIds;

        Assert.NotEmpty(first);
        Assert.NotEmpty(second);
        Assert.Empty(first.Intersect(second));
        Assert.Equal(AllIds, first.Concat(second).Order(StringComparer.Ordinal));
        // TUnit and MSTest cannot leave a registered test out: they report the other shard's tests as skipped with the shard.
        Assert.Equal(first.Count, runs[adapter, "shard1"].Reported.Count(r => !r.Message.StartsWith("outside shard 1/2", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_adapter_puts_a_test_in_the_same_shard()
    {
        Assert.Equal(runs["xunit2", "shard1"].RecordedIds, runs["xunit3", "shard1"].RecordedIds);
        Assert.Equal(runs["xunit2", "shard1"].RecordedIds, runs["nunit", "shard1"].RecordedIds);
        Assert.Equal(runs["xunit2", "shard1"].RecordedIds, runs["tunit", "shard1"].RecordedIds);
        Assert.Equal(runs["xunit2", "shard1"].RecordedIds, runs["mstest", "shard1"].RecordedIds);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void Category_filter_selects_perf_and_e2e_tests_and_dev_runs_NoCi_tests(string adapter)
    {
        var run = runs[adapter, "filter"];

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(
            AllIds.Where(id => id.Contains("PerfTests", StringComparison.Ordinal) || id.Contains("E2ETests", StringComparison.Ordinal)),
            run.RecordedIds);
        Assert.Equal(TestOutcome.Passed, run.Attempts.Single(a => a.TestId == "Conformance.E2ETests.E2ELocalOnly").Outcome);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void A_bad_setting_fails_every_test_with_one_line_and_says_it_once_in_full(string adapter)
    {
        var run = runs[adapter, "badconfig"];
        const string Problem = "HOLOGRAM__RETRIES='many' (environment variable HOLOGRAM__RETRIES) is not a whole number";

        Assert.True(run.ExitCode == 1, run.Output);
        Assert.NotEmpty(run.Reported);
        Assert.All(run.Reported.Where(r => r.Outcome != "NotExecuted"), r =>
        {
            Assert.Equal("Failed", r.Outcome);
            Assert.Contains(Problem, r.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', r.Message.Trim());
        });
        var lines = run.Output.Split('\n');
        // The full message once, where the runner shows the test host's own output at this verbosity (NUnit does;
        // VSTest shows xUnit's at normal verbosity): never once per test.
        Assert.InRange(lines.Count(l => l.Contains("configuration error, every test of this run fails: " + Problem, StringComparison.Ordinal)), adapter == "nunit" ? 1 : 0, 1);
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at Hologram.", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Adapters))]
    public void A_store_that_cannot_be_opened_is_one_warning_at_default_verbosity_and_the_tests_still_run(string adapter)
    {
        var run = runs[adapter, "storedown"];

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("FailsOnceThenPasses", run.ReportedAs("Passed"));
        // An MSBuild warning after the run (the package's build targets), whatever the adapter shows itself.
        var warning = Assert.Single(run.Output.Split('\n'), l => l.Contains(ExecutableRun.WarningPrefix(adapter) + "hologram: history store sqlite:", StringComparison.Ordinal));
        Assert.Contains("storedown.db unavailable (", warning, StringComparison.Ordinal);
        Assert.Contains("results spooled to", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void XunitV3_as_a_testing_platform_executable_filters_by_trait_and_records()
    {
        var run = runs.Mtp!;

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(AllIds.Where(id => id.Contains("PerfTests", StringComparison.Ordinal)), run.RecordedIds);
        Assert.Equal("xunit3", Assert.Single(run.Runs).Framework);
    }

    [Theory, MemberData(nameof(Adapters))]
    public void A_failure_the_retry_filter_leaves_out_is_not_retried_and_a_retry_waits_its_delay(string adapter)
    {
        var run = runs[adapter, "retryoptions"];

        var filteredOut = Assert.Single(run.Attempts, a => a.TestId == "Conformance.RetryOptionsTests.FilteredOut");
        Assert.Equal((TestOutcome.Failed, 1, true, "a failure the retry filter leaves out"), (filteredOut.Outcome, filteredOut.Attempt, filteredOut.IsFinal, filteredOut.ErrorMessage));
        Assert.Contains("FilteredOut", run.ReportedAs("Failed"));
        var timedOut = run.Attempts.Where(a => a.TestId == "Conformance.RetryOptionsTests.TimesOutOnce").OrderBy(a => a.Attempt).ToList();
        Assert.Equal([(TestOutcome.Failed, "first attempt times out"), (TestOutcome.Passed, (string?)null)], timedOut.Select(a => (a.Outcome, a.ErrorMessage)));
        Assert.Contains("TimesOutOnce", run.ReportedAs("Passed"));
        // The second attempt started at least the attribute's DelayMs after the first one was recorded.
        var waited = timedOut[1].FinishedAt - TimeSpan.FromMilliseconds(timedOut[1].DurationMs) - timedOut[0].FinishedAt;
        Assert.True(waited >= TimeSpan.FromMilliseconds(395), $"{adapter} waited {waited.TotalMilliseconds} ms before the retry");
    }
}
