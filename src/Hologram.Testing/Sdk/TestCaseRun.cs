using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Hologram.Testing.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Sdk.Internal;

namespace Hologram.Testing.Sdk;

/// <summary>
/// The attempts of one test case within a run, decided by the core for every adapter: how many attempts it gets, which
/// attempt is final, what each observed test is reported as (a <see cref="SkipException"/> failure is a run-time skip; a
/// final failure of a quarantined test is a skip with the quarantine's reason), and the recording of every attempt and of
/// a failure that later passes (a <see cref="FlakeKind.PassedOnRetry"/> flake). An adapter runs the test case once per
/// attempt, hands over what it observed, and applies the verdicts of the final attempt.
/// </summary>
public sealed class TestCaseRun
{
    private static readonly string SkipExceptionType = typeof(SkipException).FullName!;
    private static readonly ConcurrentDictionary<(MethodInfo Method, Type? Class), TestRetryAttribute?> RetryAttributes = new();

    private readonly TestRunSession? _session;
    private readonly TestCaseInfo _info;
    private readonly RetryRules _rules;
    private Dictionary<string, string?>? _failedBefore;

    internal TestCaseRun(TestRunSession? session, TestCaseInfo info, Exception? startupError, string? skipReason)
    {
        _session = session;
        _info = info;
        SkipReason = skipReason;
        var (rules, error) = session is null ? (RetryRules.None, null) : session.RetryRulesFor(RetryAttributeOf(info), AttributeSite(info));
        StartupError = startupError ?? error;
        _rules = rules ?? RetryRules.None;
        MaxAttempts = 1 + Math.Max(0, _rules.Retries);
    }

    /// <summary>
    /// The configuration error that fails the test: the run's, which fails every test, or a bad value of the test's
    /// retry attribute (report the test as failed with it, run nothing).
    /// </summary>
    public Exception? StartupError { get; }

    /// <summary>The profile's reason to skip the test case without running it (e.g. <c>[NoCi]</c> under <c>pr</c>), or null.</summary>
    public string? SkipReason { get; }

    /// <summary>The most attempts the test case gets.</summary>
    public int MaxAttempts { get; }

    /// <summary>
    /// Runs the test case until an attempt is final: <paramref name="runOnce"/> runs it once and returns what it observed.
    /// Continues on the caller's context, so a framework's scheduler keeps control of where attempts run.
    /// </summary>
    /// <param name="runOnce">Runs one attempt (the argument is the 1-based attempt number).</param>
    /// <param name="cancelled">True when the run is being cancelled (no further attempt starts).</param>
    /// <param name="retrying">Receives a one-line note before each retry.</param>
    /// <returns>The decision for the final attempt.</returns>
    public async ValueTask<AttemptDecision> RunAsync(
        Func<int, ValueTask<IReadOnlyList<TestObservation>>> runOnce, Func<bool> cancelled, Action<string>? retrying = null)
    {
        ArgumentNullException.ThrowIfNull(runOnce);
        ArgumentNullException.ThrowIfNull(cancelled);
        AttemptDecision decision;
        for (var attempt = 1; !(decision = Complete(attempt, await runOnce(attempt), cancelled())).IsFinal; attempt++)
        {
            retrying?.Invoke(RetryNote(decision));
            await DelayBeforeRetryAsync(decision);
        }

        return decision;
    }

    /// <summary>The synchronous form of <see cref="RunAsync"/>, for frameworks whose commands run synchronously.</summary>
    /// <param name="runOnce">Runs one attempt (the argument is the 1-based attempt number).</param>
    /// <param name="cancelled">True when the run is being cancelled.</param>
    /// <returns>The decision for the final attempt.</returns>
    public AttemptDecision Run(Func<int, IReadOnlyList<TestObservation>> runOnce, Func<bool> cancelled)
    {
        ArgumentNullException.ThrowIfNull(runOnce);
        ArgumentNullException.ThrowIfNull(cancelled);
        AttemptDecision decision;
        for (var attempt = 1; !(decision = Complete(attempt, runOnce(attempt), cancelled())).IsFinal; attempt++)
        {
            // The framework runs this test synchronously on its worker: the wait holds that worker, as its own retries would.
            if (decision.RetryDelay > TimeSpan.Zero)
            {
                DelayBeforeRetryAsync(decision).AsTask().GetAwaiter().GetResult();
            }
        }

        return decision;
    }

    /// <summary>
    /// Waits <see cref="AttemptDecision.RetryDelay"/> on the run's clock without holding a thread, for an adapter that
    /// drives the attempts itself (<see cref="RunAsync"/> and <see cref="Run"/> wait by themselves). Continues on the
    /// caller's context.
    /// </summary>
    /// <param name="decision">A decision that is not final.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    public ValueTask DelayBeforeRetryAsync(AttemptDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.IsFinal || decision.RetryDelay <= TimeSpan.Zero
            ? ValueTask.CompletedTask
            : new ValueTask(Task.Delay(decision.RetryDelay, _session?.Time ?? TimeProvider.System, cancellationToken));
    }

    /// <summary>
    /// Records one attempt's observations and decides: whether the attempt is final, and what each observed test is
    /// reported as. Use it directly when the adapter drives the loop itself; <see cref="RunAsync"/> and
    /// <see cref="Run"/> call it.
    /// </summary>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="observations">What the framework reported for each test of the attempt, in order.</param>
    /// <param name="cancelled">True when the run is being cancelled (the attempt is then final).</param>
    public AttemptDecision Complete(int attempt, IReadOnlyList<TestObservation> observations, bool cancelled)
    {
        ArgumentNullException.ThrowIfNull(observations);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        observations = TestIds.Distinct(observations);
        var outcomes = new TestOutcome[observations.Count];
        var failed = false;
        for (var i = 0; i < observations.Count; i++)
        {
            outcomes[i] = IsRunTimeSkip(observations[i]) ? TestOutcome.Skipped : observations[i].Outcome;
            failed |= outcomes[i] == TestOutcome.Failed;
        }

        var isFinal = !Retries(observations, outcomes, attempt, cancelled);
        var verdicts = new TestVerdict[observations.Count];
        for (var i = 0; i < observations.Count; i++)
        {
            verdicts[i] = Decide(observations[i], outcomes[i], attempt, isFinal);
        }

        return new AttemptDecision(attempt, isFinal, verdicts)
        {
            RetryDelay = isFinal ? TimeSpan.Zero : _rules.DelayBefore(attempt, Random.Shared.NextDouble),
        };
    }

    // Whether the test case runs again: a failure the rules retry (its exception or message matches the filter, and the
    // test is known flaky where only those are retried), attempts left, no cancellation, and the run's budget not spent.
    private bool Retries(IReadOnlyList<TestObservation> observations, TestOutcome[] outcomes, int attempt, bool cancelled)
    {
        var failures = outcomes.Count(o => o == TestOutcome.Failed);
        if (attempt == 1 && _session is { } session)
        {
            session.RetryBudget.CountFirstAttempt(observations.Count, failures);
        }

        if (failures == 0 || attempt >= MaxAttempts || cancelled)
        {
            return false;
        }

        var retried = false;
        for (var i = 0; i < observations.Count && !retried; i++)
        {
            retried = outcomes[i] == TestOutcome.Failed
                && _rules.Filter.Matches(observations[i].ExceptionType, observations[i].Message)
                && (!_rules.OnlyKnownFlaky || _session?.IsKnownFlaky(observations[i].TestId) == true);
        }

        return retried && _session?.RetryBudget.Allows() != false;
    }

    private TestVerdict Decide(TestObservation observation, TestOutcome outcome, int attempt, bool isFinal)
    {
        var quarantineReason = outcome == TestOutcome.Failed && isFinal && _session?.QuarantineOf(observation.TestId) is { } quarantine
            ? QuarantinePolicy.SkipReason(quarantine, observation.Message)
            : null;
        if (_session is { } session)
        {
            var signature = outcome == TestOutcome.Failed
                ? ErrorSignature.Compute(observation.ExceptionType, observation.Message, observation.StackTrace)
                : null;
            session.Record(_info, observation, attempt, outcome, isFinal, quarantineReason is not null, signature);
            TrackFlake(session, observation.TestId, outcome, isFinal, signature);
        }

        return outcome switch
        {
            TestOutcome.Failed when quarantineReason is not null => new TestVerdict(TestOutcome.Skipped, quarantineReason),
            TestOutcome.Failed => new TestVerdict(TestOutcome.Failed),
            TestOutcome.Skipped => new TestVerdict(TestOutcome.Skipped, observation.Message ?? "skipped at run time"),
            _ => new TestVerdict(TestOutcome.Passed),
        };
    }

    private void TrackFlake(TestRunSession session, string testId, TestOutcome outcome, bool isFinal, string? signature)
    {
        if (outcome == TestOutcome.Failed)
        {
            (_failedBefore ??= new(StringComparer.Ordinal))[testId] = signature;
        }
        else if (outcome == TestOutcome.Passed && isFinal && _failedBefore is not null && _failedBefore.TryGetValue(testId, out var failure))
        {
            session.RecordPassedOnRetry(testId, failure);
        }
    }

    private string RetryNote(AttemptDecision decision) =>
        $"Hologram: {_info.DisplayName ?? _info.ClassName} failed on attempt {decision.Attempt} of {MaxAttempts}; retrying"
        + (decision.RetryDelay > TimeSpan.Zero ? string.Create(CultureInfo.InvariantCulture, $" in {decision.RetryDelay.TotalMilliseconds:0} ms") : string.Empty);

    private static bool IsRunTimeSkip(TestObservation observation) =>
        observation.Outcome == TestOutcome.Failed && string.Equals(observation.ExceptionType, SkipExceptionType, StringComparison.Ordinal);

    private static TestRetryAttribute? RetryAttributeOf(TestCaseInfo info) =>
        info.Method is not { } method
            ? null
            : RetryAttributes.GetOrAdd((method, info.Class), static key =>
                key.Method.GetCustomAttribute<TestRetryAttribute>() ?? key.Class?.GetCustomAttribute<TestRetryAttribute>());

    private static string AttributeSite(TestCaseInfo info) =>
        "retry attribute of " + (info.Method is { } method ? info.ClassName + "." + method.Name : info.ClassName);
}
