using Hologram.Testing.History;

namespace Hologram.Testing.Tests.History;

/// <summary>Builders for runs and attempts with whole-millisecond times (both backends keep at least that precision).</summary>
internal static class HistoryTestData
{
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static RunInfo Run(string id, DateTimeOffset? started = null, string? commit = "abc123", DateTimeOffset? ended = null) => new()
    {
        RunId = id,
        BuildId = "build-1",
        Commit = commit,
        Branch = "main",
        Profile = "pr",
        Shard = "1/2",
        Host = "ci-host",
        Framework = "xunit2",
        Assembly = "My.Tests",
        StartedAt = started ?? T0,
        EndedAt = ended,
        CiProvider = "github",
        CiUrl = "https://example.test/run/1",
    };

    public static TestAttempt Attempt(string runId, string testId, int attempt = 1, TestOutcome outcome = TestOutcome.Passed, bool isFinal = true, DateTimeOffset? at = null, string? signature = null) => new()
    {
        RunId = runId,
        TestId = testId,
        DisplayName = testId + " display",
        ClassName = "My.Tests.Class",
        Categories = ["fast", "unit"],
        Attempt = attempt,
        Outcome = outcome,
        DurationMs = 12.5,
        IsFinal = isFinal,
        ErrorMessage = outcome == TestOutcome.Failed ? "Expected 1 but was 2" : null,
        ErrorSignature = outcome == TestOutcome.Failed ? signature ?? "sig000000001" : null,
        FinishedAt = at ?? T0.AddSeconds(attempt),
    };

    public static PerfHistoryEntry Perf(string runId, string name, double p95Ms, DateTimeOffset? at = null, string phase = "warm", string? branch = "main", string environment = "env-a") => new()
    {
        RunId = runId,
        Name = name,
        Phase = phase,
        Profile = "pr",
        Environment = environment,
        Commit = "abc123",
        Branch = branch,
        Samples = 20,
        P50Ms = p95Ms * 0.8,
        P95Ms = p95Ms,
        P95LowerMs = p95Ms * 0.9,
        P95UpperMs = p95Ms * 1.1,
        MeanMs = p95Ms * 0.85,
        MeasuredAt = at ?? T0,
    };
}
