using System.Reflection;
using Hologram.Testing.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using Hologram.Testing.Tests.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Tests.Sdk;

public sealed class TestCaseRunTests : IDisposable
{
    private const string Id = "Ns.C.M";
    private static readonly string SkipType = typeof(SkipException).FullName!;
    private readonly TempRepository _repository = new();
    private readonly string _store;

    public TestCaseRunTests() => _store = "sqlite:" + Path.Combine(_repository.Root, "h.db");

    public void Dispose() => _repository.Dispose();

    [Fact]
    public async Task Retries_follow_the_nearest_retry_attribute_then_the_profile()
    {
        await using var run = await StartAsync("pr");

        Assert.Equal(3, run.BeginTestCase(Info()).MaxAttempts);
        Assert.Equal(2, run.BeginTestCase(Info(nameof(Samples.OneRetry))).MaxAttempts);
        Assert.Equal(1, run.BeginTestCase(Info(nameof(Samples.NoRetry))).MaxAttempts);
        Assert.Equal(5, run.BeginTestCase(Info(nameof(Samples.ClassRetry), typeof(ClassRetrySamples))).MaxAttempts);
    }

    [Fact]
    public async Task A_failure_then_a_pass_is_retried_recorded_attempt_by_attempt_and_recorded_as_a_flake()
    {
        string runId;
        AttemptDecision decision;
        await using (var run = await StartAsync("pr"))
        {
            runId = run.Session!.Run.RunId;
            decision = await run.BeginTestCase(Info()).RunAsync(
                attempt => ValueTask.FromResult<IReadOnlyList<TestObservation>>(
                    [attempt == 1 ? Failed("System.InvalidOperationException", "boom 42") : TestObservation.Passed(Id, "M", 2)]),
                () => false);
        }

        Assert.Equal((2, true), (decision.Attempt, decision.IsFinal));
        Assert.Equal([new TestVerdict(TestOutcome.Passed)], decision.Verdicts);
        await using var history = await HistoryStores.OpenAsync(_store, _repository.Root);
        var attempts = await history.GetAttemptsAsync(runId);
        Assert.Equal([(TestOutcome.Failed, false, "boom 42"), (TestOutcome.Passed, true, (string?)null)], attempts.Select(a => (a.Outcome, a.IsFinal, a.ErrorMessage)));
        Assert.Equal(ErrorSignature.Compute("System.InvalidOperationException", "boom 42", null), attempts[0].ErrorSignature);
        var flake = Assert.Single(await history.GetFlakesAsync(DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Equal((FlakeKind.PassedOnRetry, attempts[0].ErrorSignature), (flake.Kind, flake.ErrorSignature));
    }

    [Fact]
    public async Task A_SkipException_failure_is_a_run_time_skip_with_its_message_and_is_not_retried()
    {
        await using var run = await StartAsync("pr");

        var calls = 0;
        var decision = run.BeginTestCase(Info()).Run(_ => { calls++; return [Failed(SkipType, "no service")]; }, () => false);

        Assert.Equal(1, calls);
        Assert.Equal([new TestVerdict(TestOutcome.Skipped, "no service")], decision.Verdicts);
        Assert.True(decision.Verdicts[0].TurnsFailureIntoSkip(TestOutcome.Failed));
    }

    [Fact]
    public async Task A_final_failure_of_a_quarantined_test_is_reported_as_skipped_with_the_reason_and_recorded_as_a_quarantined_failure()
    {
        await using (var history = await HistoryStores.OpenAsync(_store, _repository.Root))
        {
            await history.QuarantineAsync(new QuarantineEntry { TestId = Id, Since = DateTimeOffset.UtcNow, Reason = "2 flakes in 7 days", By = "policy" });
        }

        string runId;
        AttemptDecision decision;
        await using (var run = await StartAsync("pr"))
        {
            runId = run.Session!.Run.RunId;
            decision = run.BeginTestCase(Info()).Run(_ => [Failed("System.Exception", "still broken")], () => false);
        }

        Assert.Equal(3, decision.Attempt);
        var verdict = Assert.Single(decision.Verdicts);
        Assert.Equal(TestOutcome.Skipped, verdict.ReportAs);
        Assert.StartsWith("quarantined since", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("still broken", verdict.Reason, StringComparison.Ordinal);
        await using var reopened = await HistoryStores.OpenAsync(_store, _repository.Root);
        Assert.Equal([false, false, true], (await reopened.GetAttemptsAsync(runId)).Select(a => a.Quarantined));
    }

    [Fact]
    public async Task Cancellation_makes_the_attempt_final_and_a_framework_skip_keeps_its_reason()
    {
        await using var run = await StartAsync("pr");

        var cancelled = run.BeginTestCase(Info()).Complete(1, [Failed("System.Exception", "x")], cancelled: true);
        var skipped = run.BeginTestCase(Info()).Complete(1, [TestObservation.Skipped(Id, "M", 0, "framework says no")], cancelled: false);

        Assert.Equal((true, TestOutcome.Failed), (cancelled.IsFinal, cancelled.Verdicts[0].ReportAs));
        Assert.Equal(new TestVerdict(TestOutcome.Skipped, "framework says no"), skipped.Verdicts[0]);
    }

    [Fact]
    public async Task The_profile_skips_NoCi_unless_the_framework_already_skips_the_test()
    {
        await using var run = await StartAsync("pr");

        Assert.Contains("profile 'pr'", run.BeginTestCase(Info() with { Categories = ["NoCi"] }).SkipReason, StringComparison.Ordinal);
        Assert.Null(run.BeginTestCase(Info() with { Categories = ["NoCi"], SkippedByFramework = true }).SkipReason);
        Assert.Null(run.BeginTestCase(Info()).SkipReason);
    }

    [Fact]
    public async Task A_configuration_error_gives_one_attempt_that_records_nothing()
    {
        await using var run = await AdapterRun.StartAsync(() => throw new HologramConfigurationException("bad key"), "test", "tests");

        var testCase = run.BeginTestCase(Info(nameof(Samples.OneRetry)));

        Assert.Equal((1, "bad key"), (testCase.MaxAttempts, testCase.StartupError!.Message));
        Assert.Equal(TestOutcome.Failed, testCase.Complete(1, [Failed("System.Exception", "x")], false).Verdicts[0].ReportAs);
    }

    [Fact]
    public async Task Every_timestamp_of_a_run_comes_from_the_run_s_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 6, 7, 8, 9, TimeSpan.Zero));
        string runId;
        await using (var run = await StartAsync("pr", clock))
        {
            runId = run.Session!.Run.RunId;
            run.BeginTestCase(Info()).Run(
                attempt =>
                {
                    clock.Advance(TimeSpan.FromSeconds(1));
                    return [attempt == 1 ? Failed("System.Exception", "x") : TestObservation.Passed(Id, "M", 1)];
                },
                () => false);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await using var history = await HistoryStores.OpenAsync(_store, _repository.Root);
        var recorded = Assert.Single(await history.GetRunsAsync(1));
        var flake = Assert.Single(await history.GetFlakesAsync(DateTimeOffset.MinValue));
        var attempts = await history.GetAttemptsAsync(runId);
        DateTimeOffset[] expected = [clock.Start, clock.Start.AddSeconds(1), clock.Start.AddSeconds(2), clock.Start.AddSeconds(2), clock.Start.AddSeconds(3)];
        Assert.Equal(expected, new[] { recorded.StartedAt, attempts[0].FinishedAt, attempts[1].FinishedAt, flake.DetectedAt, recorded.EndedAt!.Value });
    }

    private async Task<AdapterRun> StartAsync(string profile, TimeProvider? clock = null) =>
        await AdapterRun.StartAsync(
            () => _repository.Load(new Dictionary<string, string?> { ["HOLOGRAM_PROFILE"] = profile, ["HOLOGRAM_STORE"] = _store }),
            "test",
            "tests",
            timeProvider: clock);

    private static TestCaseInfo Info(string method = nameof(Samples.Plain), Type? type = null) => new()
    {
        ClassName = "Ns.C",
        Method = (type ?? typeof(Samples)).GetMethod(method, BindingFlags.Public | BindingFlags.Instance),
        Class = type ?? typeof(Samples),
    };

    private static TestObservation Failed(string type, string message) => TestObservation.Failed(Id, "M", 1, type, message, null);

    private sealed class Retry(int retries) : TestRetryAttribute(retries);

    private class Samples
    {
        public void Plain()
        {
        }

        [Retry(1)]
        public void OneRetry()
        {
        }

        [Retry(0)]
        public void NoRetry()
        {
        }

        public void ClassRetry()
        {
        }
    }

    [Retry(4)]
    private sealed class ClassRetrySamples : Samples;
}
