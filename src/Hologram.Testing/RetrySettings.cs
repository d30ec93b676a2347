namespace Hologram.Testing;

/// <summary>
/// How failed tests are retried (<c>Retry:*</c> keys; the number of retries is <c>Retries</c>): the wait between
/// attempts, which failures are retried, the run-wide retry budget, and whether only tests the history knows as flaky
/// are retried. A test's retry attribute overrides every setting but the budget.
/// </summary>
public sealed class RetrySettings
{
    /// <summary>The wait before the first retry (<c>Retry:DelayMs</c>, default 0: retry at once).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How the wait grows from one retry to the next (<c>Retry:Backoff</c>, default <see cref="RetryBackoff.Constant"/>).</summary>
    public RetryBackoff Backoff { get; init; }

    /// <summary>The longest wait before any retry (<c>Retry:MaxDelayMs</c>); <see cref="TimeSpan.Zero"/> (the default) caps nothing.</summary>
    public TimeSpan MaxDelay { get; init; }

    /// <summary>Whether each wait is spread randomly over 75% to 125% of its value (<c>Retry:Jitter</c>, default false).</summary>
    public bool Jitter { get; init; }

    /// <summary>
    /// Full names of the exception types whose failures are retried (<c>Retry:ExceptionTypes</c>); a failure whose
    /// exception derives from a listed type matches too. Empty (the default) with no <see cref="MessagePatterns"/>
    /// retries every failure.
    /// </summary>
    public IReadOnlyList<string> ExceptionTypes { get; init; } = [];

    /// <summary>
    /// Regular expressions; a failure whose message one of them matches is retried (<c>Retry:MessagePatterns</c>).
    /// With <see cref="ExceptionTypes"/> too, a failure that matches either list is retried.
    /// </summary>
    public IReadOnlyList<string> MessagePatterns { get; init; } = [];

    /// <summary>
    /// Once more than this many tests of the run have failed, no test of the run is retried any more
    /// (<c>Retry:MaxFailedTests</c>); 0 (the default) sets no limit.
    /// </summary>
    public int MaxFailedTests { get; init; }

    /// <summary>
    /// Once more than this percentage of the run's tests have failed, no test of the run is retried any more
    /// (<c>Retry:MaxFailedTestsPercent</c>); 0 (the default) sets no limit.
    /// </summary>
    public double MaxFailedTestsPercent { get; init; }

    /// <summary>
    /// Whether only tests the history knows as flaky (a flake within <c>Flake:WindowDays</c>, or quarantined) are retried
    /// (<c>Retry:OnlyKnownFlaky</c>, default false).
    /// </summary>
    public bool OnlyKnownFlaky { get; init; }
}
