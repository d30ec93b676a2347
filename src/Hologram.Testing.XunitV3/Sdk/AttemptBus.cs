using Hologram.Testing.History;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// Holds back the messages of one attempt of one test case, so that an attempt that will be retried never reaches
/// the runner, and the final attempt reaches it with run-time skips and quarantined failures turned into xUnit skips.
/// </summary>
internal sealed class AttemptBus : IMessageBus
{
    private static readonly string SkipExceptionType = typeof(SkipException).FullName!;
    private readonly List<IMessageSinkMessage> _messages = [];
    private readonly object _gate = new();

    /// <summary>One executed test of the attempt.</summary>
    public sealed record TestResult(
        string DisplayName, TestOutcome Outcome, bool IsRunTimeSkip, decimal ExecutionTime, string? Message, string? ExceptionType, string? StackTrace);

    /// <summary>True when the failure was raised by <see cref="SkipException"/> (a run-time skip, not a failure).</summary>
    public static bool IsRunTimeSkip(ITestFailed failed) =>
        failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == SkipExceptionType;

    /// <summary>The results of this attempt's tests, in order (tests that did not run are left out).</summary>
    public IReadOnlyList<TestResult> Results()
    {
        List<IMessageSinkMessage> messages;
        lock (_gate)
        {
            messages = [.. _messages];
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var results = new List<TestResult>();
        foreach (var message in messages)
        {
            switch (message)
            {
                case ITestStarting starting:
                    names[starting.TestUniqueID] = starting.TestDisplayName;
                    break;
                case ITestFailed failed when IsRunTimeSkip(failed):
                    results.Add(new TestResult(NameOf(failed), TestOutcome.Skipped, true, failed.ExecutionTime, failed.Messages.FirstOrDefault(), null, null));
                    break;
                case ITestFailed failed:
                    results.Add(new TestResult(
                        NameOf(failed), TestOutcome.Failed, false, failed.ExecutionTime,
                        string.Join(Environment.NewLine, failed.Messages.Where(m => m is not null)),
                        failed.ExceptionTypes.FirstOrDefault(), failed.StackTraces.FirstOrDefault()));
                    break;
                case ITestSkipped skipped:
                    results.Add(new TestResult(NameOf(skipped), TestOutcome.Skipped, false, skipped.ExecutionTime, skipped.Reason, null, null));
                    break;
                case ITestPassed passed:
                    results.Add(new TestResult(NameOf(passed), TestOutcome.Passed, false, passed.ExecutionTime, null, null, null));
                    break;
            }
        }

        return results;

        string NameOf(ITestMessage test) => names.GetValueOrDefault(test.TestUniqueID, test.TestUniqueID);
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
    /// Sends the attempt's messages on. A failure for which <paramref name="skipReason"/> returns a reason is sent as a
    /// skip with that reason, and the test case's totals are corrected; returns how many failures became skips.
    /// </summary>
    public int ForwardTo(IMessageBus target, Func<ITestFailed, string, string?> skipReason, CancellationTokenSource cancellation)
    {
        List<IMessageSinkMessage> messages;
        lock (_gate)
        {
            messages = [.. _messages];
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var translated = 0;
        foreach (var message in messages)
        {
            var outgoing = message;
            if (message is ITestStarting starting)
            {
                names[starting.TestUniqueID] = starting.TestDisplayName;
            }
            else if (message is ITestFailed failed && skipReason(failed, names.GetValueOrDefault(failed.TestUniqueID, string.Empty)) is { } reason)
            {
                translated++;
                outgoing = new TestSkipped
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
                    Reason = reason,
                };
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

    // The target bus belongs to the runner.
    public void Dispose()
    {
    }
}
