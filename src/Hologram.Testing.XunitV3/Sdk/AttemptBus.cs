using Hologram.Testing.Sdk;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// Holds back the messages of one attempt of one test case: an attempt that will be retried never reaches the runner,
/// and the final attempt reaches it with the core's verdicts applied (a failure the core reports as skipped becomes an
/// xUnit skip, and the test case's totals are corrected).
/// </summary>
internal sealed class AttemptBus : IMessageBus
{
    private readonly HeldMessages<IMessageSinkMessage> _held = new();

    /// <summary>What the framework reported for each executed test of this attempt, in order (tests that did not run are left out).</summary>
    /// <param name="testIdOf">The test id of a test, from its display name.</param>
    public IReadOnlyList<TestObservation> Observations(Func<string, string> testIdOf)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var observations = new List<TestObservation>();
        foreach (var message in _held.Snapshot())
        {
            if (message is ITestStarting starting)
            {
                names[starting.TestUniqueID] = starting.TestDisplayName;
            }
            else if (IsOutcome(message) && message is ITestResultMessage result)
            {
                var name = names.GetValueOrDefault(result.TestUniqueID, result.TestUniqueID);
                var duration = (double)result.ExecutionTime * 1000;
                observations.Add(result switch
                {
                    ITestFailed failed => TestObservation.Failed(
                        testIdOf(name), name, duration, failed.ExceptionTypes.FirstOrDefault(), failed.Messages.FirstOrDefault(), failed.StackTraces.FirstOrDefault()),
                    ITestSkipped skipped => TestObservation.Skipped(testIdOf(name), name, duration, skipped.Reason),
                    _ => TestObservation.Passed(testIdOf(name), name, duration),
                });
            }
        }

        return observations;
    }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        _held.Add(message);
        return true;
    }

    /// <summary>Sends the attempt's messages on with <paramref name="verdicts"/> applied; returns how many failures became skips.</summary>
    public int ForwardTo(IMessageBus target, IReadOnlyList<TestVerdict> verdicts, CancellationTokenSource cancellation) =>
        _held.ForwardTo(
            verdicts,
            IsOutcome,
            static (message, reason) => message is ITestFailed failed ? SkippedFrom(failed, reason) : null,
            static (message, translated) => message is ITestCaseFinished finished ? WithTotals(finished, translated) : null,
            message =>
            {
                if (!target.QueueMessage(message))
                {
                    cancellation.Cancel();
                }
            });

    // The messages that carry a test's outcome, one per executed test (not "finished" or "not run", which xUnit v3
    // also derives from its result message type).
    private static bool IsOutcome(IMessageSinkMessage message) => message is ITestPassed or ITestFailed or ITestSkipped;

    private static TestCaseFinished WithTotals(ITestCaseFinished finished, int translated) => new()
    {
        AssemblyUniqueID = finished.AssemblyUniqueID,
        TestCollectionUniqueID = finished.TestCollectionUniqueID,
        TestClassUniqueID = finished.TestClassUniqueID,
        TestMethodUniqueID = finished.TestMethodUniqueID,
        TestCaseUniqueID = finished.TestCaseUniqueID,
        ExecutionTime = finished.ExecutionTime,
#if !XUNIT_V3_3
        FinishTime = finished.FinishTime,
#endif
        TestsFailed = finished.TestsFailed - translated,
        TestsNotRun = finished.TestsNotRun,
        TestsSkipped = finished.TestsSkipped + translated,
        TestsTotal = finished.TestsTotal,
    };

    private static TestSkipped SkippedFrom(ITestFailed failed, string? reason) => new()
    {
        AssemblyUniqueID = failed.AssemblyUniqueID,
        TestCollectionUniqueID = failed.TestCollectionUniqueID,
        TestClassUniqueID = failed.TestClassUniqueID,
        TestMethodUniqueID = failed.TestMethodUniqueID,
        TestCaseUniqueID = failed.TestCaseUniqueID,
        TestUniqueID = failed.TestUniqueID,
        ExecutionTime = failed.ExecutionTime,
        FinishTime = failed.FinishTime,
        Output = failed.Output,
        Warnings = failed.Warnings,
        Reason = reason ?? "skipped",
    };

    // The target bus belongs to the runner.
    public void Dispose()
    {
    }
}
