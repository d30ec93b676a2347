using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Holds back the messages of one attempt of one test case (<see cref="HeldMessages{TMessage}"/>): an attempt that will
/// be retried never reaches the runner, and the final attempt reaches it with the core's verdicts applied (a failure
/// the core reports as skipped becomes an xUnit skip, and the test case's totals are corrected).
/// </summary>
internal sealed class AttemptBus(XunitTestIds ids) : IMessageBus
{
    private readonly HeldMessages<IMessageSinkMessage> _held = new();

    /// <summary>What the framework reported for each executed test of this attempt, in order.</summary>
    public IReadOnlyList<TestObservation> Observations()
    {
        var observations = new List<TestObservation>();
        foreach (var result in _held.Snapshot().Where(IsOutcome).Cast<ITestResultMessage>())
        {
            var testId = ids.For(result.Test);
            var name = result.Test.DisplayName;
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
        _held.Add(message);
        return true;
    }

    /// <summary>Sends the attempt's messages on with <paramref name="verdicts"/> applied; returns how many failures became skips.</summary>
    public int ForwardTo(IMessageBus target, IReadOnlyList<TestVerdict> verdicts, CancellationTokenSource cancellation) =>
        _held.ForwardTo(
            verdicts,
            IsOutcome,
            static (message, reason) => message is ITestFailed failed ? new TestSkipped(failed.Test, reason) : null,
            static (message, translated) => message is ITestCaseFinished finished
                ? new TestCaseFinished(
                    finished.TestCase, finished.ExecutionTime, finished.TestsRun, finished.TestsFailed - translated, finished.TestsSkipped + translated)
                : null,
            message =>
            {
                if (!target.QueueMessage(message))
                {
                    cancellation.Cancel();
                }
            });

    // The messages that carry a test's outcome, one per executed test.
    private static bool IsOutcome(IMessageSinkMessage message) => message is ITestPassed or ITestFailed or ITestSkipped;

    // The target bus belongs to the assembly runner.
    public void Dispose()
    {
    }
}
