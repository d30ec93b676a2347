using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Ingest;

/// <summary>
/// Turns the results a file lists into numbered attempts, the one rule for every format: the results of one test id
/// are its attempts in file order, the last one final; a test whose last attempt passed after a failed one passed on
/// retry (a flake, as the adapters record it).
/// </summary>
internal sealed class AttemptCollector(string runId)
{
    private readonly Dictionary<string, List<TestAttempt>> byTest = new(StringComparer.Ordinal);
    private readonly List<string> order = [];

    /// <summary>Results added so far.</summary>
    public int Count { get; private set; }

    /// <summary>Adds one result of a test (attempt number and finality are set by <see cref="Build"/>).</summary>
    public void Add(string testId, string displayName, string className, TestOutcome outcome, double durationMs, string? message, string? signature, DateTimeOffset finishedAt)
    {
        if (!byTest.TryGetValue(testId, out var attempts))
        {
            byTest[testId] = attempts = [];
            order.Add(testId);
        }

        attempts.Add(new TestAttempt
        {
            RunId = runId,
            TestId = testId,
            DisplayName = displayName,
            ClassName = className,
            Attempt = attempts.Count + 1,
            Outcome = outcome,
            DurationMs = durationMs,
            IsFinal = false,
            ErrorMessage = outcome == TestOutcome.Passed ? null : message,
            ErrorSignature = outcome == TestOutcome.Failed ? signature : null,
            FinishedAt = finishedAt,
        });
        Count++;
    }

    /// <summary>The attempts, the last of each test marked final, and the tests that passed on retry.</summary>
    public (List<TestAttempt> Attempts, List<(string TestId, string? Signature)> PassedOnRetry) Build()
    {
        var all = new List<TestAttempt>(Count);
        var flakes = new List<(string, string?)>();
        foreach (var id in order)
        {
            var attempts = byTest[id];
            attempts[^1] = attempts[^1] with { IsFinal = true };
            all.AddRange(attempts);
            if (attempts[^1].Outcome == TestOutcome.Passed && attempts.FindLast(a => a.Outcome == TestOutcome.Failed) is { } failed)
            {
                flakes.Add((id, failed.ErrorSignature));
            }
        }

        return (all, flakes);
    }
}
