using System.Globalization;

namespace Hologram.Testing.Sdk.Internal;

/// <summary>
/// The run's retry budget (<c>Retry:MaxFailedTests</c>, <c>Retry:MaxFailedTestsPercent</c>): once more than that many
/// tests, or that share of the tests, have failed their first attempt, no test of the run is retried any more — the
/// build is broken, not flaky — and the run says so once. The share counts the tests whose first attempt has finished,
/// and never fewer than <see cref="PercentFloor"/>, so the first failures of a run do not stop its retries alone.
/// Thread-safe: tests of one run finish on many threads.
/// </summary>
internal sealed class RetryBudget(int maxFailedTests, double maxFailedTestsPercent, Action<string> warn)
{
    /// <summary>The fewest tests a share of failures is taken of.</summary>
    public const int PercentFloor = 100;

    private long _tests;
    private long _failed;
    private string? _stopped;

    /// <summary>True when the run has a budget.</summary>
    public bool IsLimited => maxFailedTests > 0 || maxFailedTestsPercent > 0;

    /// <summary>Why retries stopped in this run (the line the run printed), or null while they go on.</summary>
    public string? StoppedReason => Volatile.Read(ref _stopped);

    /// <summary>Counts the tests of a finished first attempt and those of them that failed.</summary>
    public void CountFirstAttempt(int tests, int failed)
    {
        Interlocked.Add(ref _tests, tests);
        Interlocked.Add(ref _failed, failed);
    }

    /// <summary>True while the run may still retry a test; the first refusal prints the reason once.</summary>
    public bool Allows()
    {
        if (!IsLimited)
        {
            return true;
        }

        if (StoppedReason is not null)
        {
            return false;
        }

        var failed = Interlocked.Read(ref _failed);
        var tests = Interlocked.Read(ref _tests);
        string? reason = null;
        if (maxFailedTests > 0 && failed > maxFailedTests)
        {
            reason = string.Create(CultureInfo.InvariantCulture, $"{failed} tests failed, more than Retry:MaxFailedTests={maxFailedTests}");
        }
        else if (maxFailedTestsPercent > 0 && failed * 100.0 > maxFailedTestsPercent * Math.Max(tests, PercentFloor))
        {
            reason = string.Create(
                CultureInfo.InvariantCulture,
                $"{failed} of {tests} tests failed ({failed * 100.0 / Math.Max(tests, 1):0.#}%), more than Retry:MaxFailedTestsPercent={maxFailedTestsPercent}");
        }

        if (reason is null)
        {
            return true;
        }

        var line = $"hologram: retries stopped for the rest of this run: {reason}; the build looks broken, not flaky, so later failures are reported at once";
        if (Interlocked.CompareExchange(ref _stopped, line, null) is null)
        {
            try
            {
                warn(line);
            }
            catch (Exception)
            {
                // A broken warning sink must not fail the test that ran out of the budget.
            }
        }

        return false;
    }
}
