using System.Diagnostics;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// Runs one NUnit test through the core's attempt pipeline (<see cref="TestCaseRun"/>): each attempt runs the test's
/// command once with a fresh result and reports what happened (with the exception <see cref="FailureCapture"/> caught
/// inside set-up and tear-down); the core decides retries, run-time and quarantine skips and records every attempt; the
/// final attempt's result reaches NUnit with the core's verdict applied (a skip verdict for a failure becomes an NUnit
/// <em>ignored</em> result with the reason).
/// </summary>
internal sealed class HologramTestCommand(TestCommand innerCommand, NUnitRun nunitRun) : DelegatingTestCommand(innerCommand)
{
    public override TestResult Execute(TestExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var test = context.CurrentTest;
        var testCaseRun = nunitRun.Start().BeginTestCase(new TestCaseInfo
        {
            ClassName = test.ClassName ?? test.FullName,
            DisplayName = test.FullName,
            Categories = NUnitCategories.Of(test, test.TypeInfo?.Assembly),
            Method = test.Method?.MethodInfo,
            Class = test.TypeInfo?.Type,
            SkippedByFramework = test.RunState != RunState.Runnable && test.RunState != RunState.Explicit,
        });
        if (testCaseRun.StartupError is { } error)
        {
            context.CurrentResult.SetResult(ResultState.Error, $"Hologram: {error.Message}");
            return context.CurrentResult;
        }

        if (testCaseRun.SkipReason is { } skipReason)
        {
            context.CurrentResult.SetResult(ResultState.Ignored, skipReason);
            return context.CurrentResult;
        }

        var testId = NUnitTestIds.For(test);
        NUnitTestIds.Release(test);
        var decision = testCaseRun.Run(
            attempt => [RunOnce(context, test, testId, attempt)],
            () => context.ExecutionStatus != TestExecutionStatus.Running);
        var result = context.CurrentResult;
        if (decision.Verdicts is [var verdict] && verdict.TurnsFailureIntoSkip(TestOutcome.Failed) && result.ResultState.Status == TestStatus.Failed)
        {
            result.SetResult(ResultState.Ignored, verdict.Reason ?? "skipped");
        }

        return result;
    }

    private TestObservation RunOnce(TestExecutionContext context, Test test, string testId, int attempt)
    {
        if (attempt > 1)
        {
            context.CurrentResult = test.MakeTestResult();
        }

        var started = Stopwatch.GetTimestamp();
        Exception? thrown;
        using (var capture = FailureCapture.Begin())
        {
            try
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
            catch (Exception e)
            {
                context.CurrentResult.RecordException(e);
                capture.Caught(e);
            }

            thrown = capture.Exception;
        }

        var result = context.CurrentResult;
        var duration = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result.ResultState.Status switch
        {
            TestStatus.Failed when thrown is not null => TestObservation.Failed(
                testId, test.FullName, duration, thrown.GetType().FullName, thrown.Message, thrown.StackTrace),
            // A failure NUnit recorded without an exception (Assert.Multiple, a warning turned failure): its message only.
            TestStatus.Failed => TestObservation.Failed(testId, test.FullName, duration, null, NullIfEmpty(result.Message), result.StackTrace),
            TestStatus.Skipped or TestStatus.Inconclusive => TestObservation.Skipped(testId, test.FullName, duration, NullIfEmpty(result.Message)),
            _ => TestObservation.Passed(testId, test.FullName, duration),
        };
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
