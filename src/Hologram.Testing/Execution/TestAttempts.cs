using Hologram.Testing.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Execution;

/// <summary>
/// The attempts of one test (or one test case with several data rows) within a run: how many attempts it gets, whether
/// an attempt is the last, and the recording of each attempt. A failure that later passes is recorded as a
/// <see cref="FlakeKind.PassedOnRetry"/> flake; a final failure of a quarantined test is flagged as quarantined.
/// Shared by the adapters so each takes the same decisions.
/// </summary>
public sealed class TestAttempts
{
    private readonly TestRunSession? _session;
    private readonly Dictionary<string, string?> _failedBefore = new(StringComparer.Ordinal);

    /// <summary>Creates the attempts of one test.</summary>
    /// <param name="session">The run's session; null when the configuration failed (one attempt, nothing recorded).</param>
    /// <param name="retries">Extra attempts after a failure: from <c>[Retry(n)]</c>, else the profile's <c>Retries</c>.</param>
    public TestAttempts(TestRunSession? session, int? retries)
    {
        _session = session;
        MaxAttempts = session is null ? 1 : 1 + Math.Max(0, retries ?? session.Options.Retries);
    }

    /// <summary>The most attempts the test gets.</summary>
    public int MaxAttempts { get; }

    /// <summary>True when attempt number <paramref name="attempt"/> is the one reported to the runner.</summary>
    /// <param name="attempt">1-based attempt number.</param>
    /// <param name="failed">True when the attempt failed (a run-time skip is not a failure).</param>
    /// <param name="cancelled">True when the run is being cancelled.</param>
    public bool IsFinal(int attempt, bool failed, bool cancelled) => !failed || attempt >= MaxAttempts || cancelled;

    /// <summary>Records one attempt; flags a final failure of a quarantined test and records a pass after a failure as a flake.</summary>
    /// <param name="attempt">What happened.</param>
    public void Record(AttemptResult attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (_session is null)
        {
            return;
        }

        var quarantined = attempt.Outcome == TestOutcome.Failed && attempt.IsFinal && _session.QuarantineOf(attempt.TestId) is not null;
        _session.Record(quarantined && !attempt.Quarantined ? attempt with { Quarantined = true } : attempt);
        if (attempt.Outcome == TestOutcome.Failed)
        {
            _failedBefore[attempt.TestId] = ErrorSignature.Compute(attempt.ExceptionType, attempt.Message, attempt.StackTrace);
        }
        else if (attempt.Outcome == TestOutcome.Passed && attempt.IsFinal && _failedBefore.TryGetValue(attempt.TestId, out var signature))
        {
            _session.RecordPassedOnRetry(attempt.TestId, signature);
        }
    }

    /// <summary>The reason a final failure is reported as skipped because the test is quarantined, or null.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="failure">The failure message, or null.</param>
    public string? QuarantineSkipReason(string testId, string? failure) =>
        _session?.QuarantineOf(testId) is { } quarantine ? QuarantinePolicy.SkipReason(quarantine, failure) : null;
}
