using System.Diagnostics;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using TUnit.Core;
using TUnit.Core.Exceptions;
using TUnit.Core.Interfaces;

namespace Hologram.Testing.TUnit.Sdk;

/// <summary>
/// Runs each attempt of one TUnit test's body through the core's attempt pipeline (<see cref="TestCaseRun"/>): reports
/// what happened, lets the core decide, and hands TUnit the verdict. A failure the core retries is rethrown, so TUnit
/// runs the next attempt with a fresh class instance and hooks; a final attempt ends TUnit's retries, and a skip verdict
/// for a failure (a run-time skip, a quarantined test) becomes TUnit's skip with the reason.
/// </summary>
internal sealed class HologramTestExecutor(TUnitRun tunitRun, TestCaseRun testCaseRun, string testId, ITestExecutor? inner) : ITestExecutor
{
    public async ValueTask ExecuteTest(TestContext context, Func<ValueTask> action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (testCaseRun.StartupError is { } error)
        {
            throw new HologramTestException("Hologram: " + error.Message);
        }

        var displayName = context.Metadata.DisplayName;
        var attempt = context.Execution.CurrentRetryAttempt + 1;
        var started = Stopwatch.GetTimestamp();
        Exception? thrown = null;
        try
        {
            if (inner is null)
            {
                await action().ConfigureAwait(false);
            }
            else
            {
                await inner.ExecuteTest(context, action).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            thrown = e is TargetInvocationException { InnerException: { } cause } ? cause : e;
        }

        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var observation = thrown switch
        {
            null => TestObservation.Passed(testId, displayName, duration),
            SkipTestException skip => TestObservation.Skipped(testId, displayName, duration, skip.Reason),
            _ => TestObservation.Failed(testId, displayName, duration, thrown.GetType().FullName, thrown.Message, thrown.StackTrace),
        };
        var decision = testCaseRun.Complete(attempt, [observation], context.Execution.CancellationToken.IsCancellationRequested);
        if (decision.IsFinal)
        {
            // TUnit asks the retry limit again before each retry: the final attempt stops them (a skip included).
            context.Metadata.TestDetails.RetryLimit = context.Execution.CurrentRetryAttempt;
            tunitRun.Ids.Release(context);
            var verdict = decision.Verdicts[0];
            if (verdict.TurnsFailureIntoSkip(observation.Outcome))
            {
                throw new SkipTestException(verdict.Reason ?? "skipped");
            }
        }

        if (thrown is not null)
        {
            // A retried failure waits here, without holding a thread, before TUnit starts the next attempt.
            await testCaseRun.DelayBeforeRetryAsync(decision, context.Execution.CancellationToken).ConfigureAwait(false);
            ExceptionDispatchInfo.Throw(thrown);
        }
    }
}
