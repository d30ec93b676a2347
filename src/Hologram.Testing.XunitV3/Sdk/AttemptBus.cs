using Hologram.Testing.History;
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
    private readonly List<IMessageSinkMessage> _messages = [];
    private readonly Lock _gate = new();

    /// <summary>What the framework reported for each executed test of this attempt, in order (tests that did not run are left out).</summary>
    /// <param name="testIdOf">The test id of a test, from its display name.</param>
    public IReadOnlyList<TestObservation> Observations(Func<string, string> testIdOf)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var observations = new List<TestObservation>();
        foreach (var message in Snapshot())
        {
            if (message is ITestStarting starting)
            {
                names[starting.TestUniqueID] = starting.TestDisplayName;
                continue;
            }

            if (!IsOutcome(message) || message is not ITestResultMessage result)
            {
                continue;
            }

            var name = names.GetValueOrDefault(result.TestUniqueID, result.TestUniqueID);
            var testId = testIdOf(name);
            var duration = (double)result.ExecutionTime * 1000;
            observations.Add(result switch
            {
                ITestFailed failed => TestObservation.Failed(
                    testId, name, duration, failed.ExceptionTypes.FirstOrDefault(), failed.Messages.FirstOrDefault(), failed.StackTraces.FirstOrDefault()),
                ITestSkipped skipped => TestObservation.Skipped(testId, name, duration, skipped.Reason),
                _ => TestObservation.Passed(testId, name, duration),
            });
        }

        return observations;
    }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        lock (_gate)
        {
            _messages.Add(message);
        }

        return true;
    }

    /// <summary>
    /// Sends the attempt's messages on with <paramref name="verdicts"/> (one per observation, in order) applied;
    /// returns how many failures became skips.
    /// </summary>
    public int ForwardTo(IMessageBus target, IReadOnlyList<TestVerdict> verdicts, CancellationTokenSource cancellation)
    {
        var translated = 0;
        var index = 0;
        foreach (var message in Snapshot())
        {
            var outgoing = message;
            if (IsOutcome(message))
            {
                var verdict = index < verdicts.Count ? verdicts[index] : default;
                index++;
                if (message is ITestFailed failed && verdict.TurnsFailureIntoSkip(TestOutcome.Failed))
                {
                    translated++;
                    outgoing = SkippedFrom(failed, verdict.Reason);
                }
            }
            else if (message is ITestCaseFinished finished && translated > 0)
            {
                outgoing = new TestCaseFinished
                {
                    AssemblyUniqueID = finished.AssemblyUniqueID,
                    TestCollectionUniqueID = finished.TestCollectionUniqueID,
                    TestClassUniqueID = finished.TestClassUniqueID,
                    TestMethodUniqueID = finished.TestMethodUniqueID,
                    TestCaseUniqueID = finished.TestCaseUniqueID,
                    ExecutionTime = finished.ExecutionTime,
                    FinishTime = finished.FinishTime,
                    TestsFailed = finished.TestsFailed - translated,
                    TestsNotRun = finished.TestsNotRun,
                    TestsSkipped = finished.TestsSkipped + translated,
                    TestsTotal = finished.TestsTotal,
                };
            }

            if (!target.QueueMessage(outgoing))
            {
                cancellation.Cancel();
            }
        }

        return translated;
    }

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

    // The messages that carry a test's outcome, one per executed test (not "finished" or "not run", which some
    // versions also derive from the result message type).
    private static bool IsOutcome(IMessageSinkMessage message) => message is ITestPassed or ITestFailed or ITestSkipped;

    private List<IMessageSinkMessage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    // The target bus belongs to the runner.
    public void Dispose()
    {
    }
}
