using Hologram.Testing.Execution;
using Hologram.Testing.History;
using Hologram.Testing.Tests.Configuration;

namespace Hologram.Testing.Tests.Execution;

public sealed class TestAttemptsTests
{
    [Fact]
    public async Task A_failure_then_a_pass_is_recorded_as_a_flake_and_retries_follow_the_attribute_then_the_profile()
    {
        using var repository = new TempRepository();
        var store = "sqlite:" + Path.Combine(repository.Root, "h.db");
        var options = repository.Load(new Dictionary<string, string?> { ["HOLOGRAM_PROFILE"] = "pr", ["HOLOGRAM_STORE"] = store });
        string runId;
        await using (var session = await TestRunSession.StartAsync(options, "test", "tests"))
        {
            runId = session.Run.RunId;
            Assert.Equal(3, new TestAttempts(session, null).MaxAttempts);
            var attempts = new TestAttempts(session, 1);
            Assert.Equal(2, attempts.MaxAttempts);
            Assert.False(attempts.IsFinal(1, failed: true, cancelled: false));
            Assert.True(attempts.IsFinal(2, failed: true, cancelled: false));
            attempts.Record(Attempt(1, TestOutcome.Failed, isFinal: false));
            attempts.Record(Attempt(2, TestOutcome.Passed, isFinal: true));
        }

        await using var history = await HistoryStores.OpenAsync(store, repository.Root);
        Assert.Equal([TestOutcome.Failed, TestOutcome.Passed], (await history.GetAttemptsAsync(runId)).Select(a => a.Outcome));
        var flake = Assert.Single(await history.GetFlakesAsync(DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Equal(FlakeKind.PassedOnRetry, flake.Kind);
    }

    [Fact]
    public void Without_a_session_a_test_gets_one_attempt_and_nothing_is_recorded()
    {
        var attempts = new TestAttempts(null, 5);

        Assert.Equal(1, attempts.MaxAttempts);
        attempts.Record(Attempt(1, TestOutcome.Failed, isFinal: true));
        Assert.Null(attempts.QuarantineSkipReason("Ns.C.M", "boom"));
    }

    private static AttemptResult Attempt(int attempt, TestOutcome outcome, bool isFinal) => new()
    {
        TestId = "Ns.C.M",
        DisplayName = "Ns.C.M",
        ClassName = "Ns.C",
        Attempt = attempt,
        Outcome = outcome,
        DurationMs = 1,
        IsFinal = isFinal,
        Message = outcome == TestOutcome.Failed ? "boom" : null,
    };
}
