using Hologram.Testing.History;

namespace Hologram.Testing.TUnit.Tests.Sdk;

/// <summary>
/// The hook on what only TUnit has, on the lowest and the highest supported TUnit: retries through TUnit's own retry
/// loop (a fresh class instance and hooks per attempt), TUnit's <c>[Retry]</c>, TUnit's skips, a user's test executor,
/// and data-row ids. The shared scenarios are in the conformance suite.
/// </summary>
[Collection(FixtureCollection.Name)]
public sealed class HookTests(FixtureRuns runs)
{
    public static TheoryData<string> Versions => [.. FixtureRuns.Versions];

    [Theory, MemberData(nameof(Versions))]
    public void A_retry_runs_on_a_fresh_instance_with_its_hooks_and_every_attempt_is_recorded(string version)
    {
        var run = runs[version];

        Assert.Equal(("Passed", string.Empty), run.ReportOf("Retried_on_a_fresh_instance_with_its_hooks"));
        var attempts = run.AttemptsOf("Fixture.RetryTests.Retried_on_a_fresh_instance_with_its_hooks");
        Assert.Equal([TestOutcome.Failed, TestOutcome.Passed], attempts.Select(a => a.Outcome));
        Assert.Equal([false, true], attempts.Select(a => a.IsFinal));
        Assert.Equal("first attempt fails", attempts[0].ErrorMessage);
    }

    [Theory, MemberData(nameof(Versions))]
    public void Hologram_s_attempt_count_replaces_TUnit_s_retry_count(string version)
    {
        var run = runs[version];

        var (outcome, message) = run.ReportOf("TUnit_retry_count_is_replaced_by_Hologram_s");
        Assert.Equal("Failed", outcome);
        Assert.Contains("always fails", message, StringComparison.Ordinal);
        // Profile pr: 2 retries, so 3 attempts, not TUnit's [Retry(5)] 6.
        var attempts = run.AttemptsOf("Fixture.RetryTests.TUnit_retry_count_is_replaced_by_Hologram_s");
        Assert.Equal([1, 2, 3], attempts.Select(a => a.Attempt));
        Assert.All(attempts, a => Assert.Equal(TestOutcome.Failed, a.Outcome));
        Assert.Equal([false, false, true], attempts.Select(a => a.IsFinal));
    }

    [Theory, MemberData(nameof(Versions))]
    public void TUnit_s_run_time_skip_is_reported_and_recorded_as_skipped_with_its_reason(string version)
    {
        var run = runs[version];

        Assert.Equal(("NotExecuted", "skipped by TUnit's Skip.Test"), run.ReportOf("TUnit_skip_at_run_time"));
        var attempt = Assert.Single(run.AttemptsOf("Fixture.SkipTests.TUnit_skip_at_run_time"));
        Assert.Equal((TestOutcome.Skipped, "skipped by TUnit's Skip.Test"), (attempt.Outcome, attempt.ErrorMessage));
    }

    [Theory, MemberData(nameof(Versions))]
    public void An_author_s_skip_keeps_its_reason_over_NoCi_and_a_NoCi_test_is_skipped_under_pr_unrecorded(string version)
    {
        var run = runs[version];

        Assert.Equal(("NotExecuted", "skipped by the author"), run.ReportOf("Author_skip"));
        Assert.Equal(("NotExecuted", "the author's reason"), run.ReportOf("Author_skip_wins_over_NoCi"));
        var (outcome, message) = run.ReportOf("Local_only");
        Assert.Equal("NotExecuted", outcome);
        Assert.StartsWith("[NoCi] test skipped under profile 'pr'", message, StringComparison.Ordinal);
        Assert.DoesNotContain(run.Attempts, a => a.TestId.StartsWith("Fixture.SkipTests.Author_skip", StringComparison.Ordinal) || a.TestId.EndsWith("Local_only", StringComparison.Ordinal));
    }

    [Theory, MemberData(nameof(Versions))]
    public void A_user_s_own_test_executor_still_runs_inside_Hologram_s(string version)
    {
        var run = runs[version];

        Assert.Equal(("Passed", string.Empty), run.ReportOf("A_test_executor_of_the_user_still_runs"));
        Assert.Equal(TestOutcome.Passed, Assert.Single(run.AttemptsOf("Fixture.ExecutorTests.A_test_executor_of_the_user_still_runs")).Outcome);
    }

    [Theory, MemberData(nameof(Versions))]
    public void Data_rows_get_the_shared_ids_and_rows_that_read_alike_are_told_apart(string version)
    {
        var run = runs[version];

        var ids = run.Attempts.Select(a => a.TestId).Where(id => id.StartsWith("Fixture.RowTests.", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(4, ids.Count);
        Assert.Equal("Fixture.RowTests.Rows(value: \"a\")", ids[0]);
        Assert.Equal("Fixture.RowTests.Rows(value: \"b\")", ids[1]);
        Assert.All(ids[2..], id => Assert.Matches(@"^Fixture\.RowTests\.Rows_that_read_alike\(values: System\.Int32\[\]\)#[0-9a-f]{8}$", id));
        Assert.NotEqual(ids[2], ids[3]);
    }

    [Theory, MemberData(nameof(Versions))]
    public void The_run_is_recorded_once_with_the_framework_tunit_and_fails_only_for_the_failing_test(string version)
    {
        var run = runs[version];

        Assert.Equal("tunit", Assert.Single(run.Runs).Framework);
        Assert.Equal(["TUnit_retry_count_is_replaced_by_Hologram_s"], run.Reported.Where(r => r.Outcome == "Failed").Select(r => r.Name));
        Assert.True(run.ExitCode == 2, run.Output);
    }

    [Fact]
    public void With_the_hook_turned_off_nothing_is_recorded_and_NoCi_tests_run()
    {
        var run = runs[FixtureRuns.OptedOut];

        Assert.Empty(run.Runs);
        Assert.Equal("Passed", run.ReportOf("Local_only").Outcome);
        // No Hologram retry: the test that fails once fails.
        Assert.Equal("Failed", run.ReportOf("Retried_on_a_fresh_instance_with_its_hooks").Outcome);
    }
}
