using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Store;

/// <summary>A real history store with old and recent runs, a quarantined test and its audit trail, for the store commands.</summary>
internal static class StoreSeed
{
    public const string Quarantined = "Ns.Flaky.Quarantined";
    public const string Stable = "Ns.Ok.Stable";

    /// <summary>
    /// Three runs 40, 39 and 38 days ago and two 2 and 1 days ago, each with <paramref name="testsPerRun"/> passing tests
    /// and a flake event; from the second run on also <see cref="Quarantined"/>, which flakes in each and was quarantined
    /// 38 days ago (with an audit entry); a test quarantined and released long ago leaves two old audit entries; one perf
    /// measurement per run. In all: 5 runs, 5 × testsPerRun + 8 attempts, 5 flake events, 3 audit entries, 5 perf rows.
    /// </summary>
    public static async Task SeedAsync(string store, string root, int testsPerRun = 3)
    {
        var now = DateTimeOffset.UtcNow;
        await using var history = await HistoryStores.OpenAsync(store, root);
        var days = new[] { 40, 39, 38, 2, 1 };
        for (var r = 0; r < days.Length; r++)
        {
            var runId = $"run-{r}";
            var started = now.AddDays(-days[r]);
            await history.BeginRunAsync(new RunInfo
            {
                RunId = runId, Profile = "main", Host = "ci-1", Framework = "xunit2", Assembly = "Ns.Tests", StartedAt = started,
                EndedAt = started.AddMinutes(3), Commit = $"c{r}", Branch = "main",
            });
            var attempts = Enumerable.Range(0, testsPerRun)
                .Select(t => Attempt(runId, $"{Stable}{t}", 1, TestOutcome.Passed, true, started))
                .ToList();
            // The first run has no attempt of the quarantined test (so pruning removes that run), and a flake of a stable test.
            var flaky = r == 0 ? $"{Stable}0" : Quarantined;
            if (r > 0)
            {
                attempts.Add(Attempt(runId, Quarantined, 1, TestOutcome.Failed, false, started));
                attempts.Add(Attempt(runId, Quarantined, 2, TestOutcome.Passed, true, started));
            }

            await history.AppendAttemptsAsync(attempts);
            await history.AddFlakesAsync([new FlakeEvent { TestId = flaky, RunId = runId, Kind = FlakeKind.PassedOnRetry, DetectedAt = started.AddMinutes(1), Commit = $"c{r}" }]);
            await history.AppendPerfAsync([new PerfHistoryEntry
            {
                RunId = runId, Name = "verify", Phase = "warm", Profile = "main", Environment = "env-1", Commit = $"c{r}", Branch = "main",
                Samples = 100, P50Ms = 1, P95Ms = 2, P95LowerMs = 1.5, P95UpperMs = 2.5, MeanMs = 1.2, MeasuredAt = started.AddMinutes(2),
            }]);
        }

        await history.QuarantineAsync(new QuarantineEntry { TestId = "Ns.Old.Released", Since = now.AddDays(-45), Reason = "2 flakes in 7 days", By = "policy" });
        await history.ReleaseAsync("Ns.Old.Released", now.AddDays(-41), "10 consecutive passes", "policy");
        await history.QuarantineAsync(new QuarantineEntry { TestId = Quarantined, Since = now.AddDays(-38), Reason = "2 flakes in 7 days", By = "policy" });
    }

    public static TestAttempt Attempt(string runId, string testId, int attempt, TestOutcome outcome, bool isFinal, DateTimeOffset started) => new()
    {
        RunId = runId,
        TestId = testId,
        Attempt = attempt,
        DisplayName = testId,
        ClassName = testId[..testId.LastIndexOf('.')],
        Categories = ["Unit"],
        Outcome = outcome,
        DurationMs = 12.5,
        IsFinal = isFinal,
        ErrorMessage = outcome == TestOutcome.Failed ? "Assert.Equal() Failure" : null,
        ErrorSignature = outcome == TestOutcome.Failed ? "Xunit.Sdk.EqualException" : null,
        FinishedAt = started.AddSeconds(attempt),
    };
}
