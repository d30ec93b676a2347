using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Holds back the messages of one attempt of one test case, so that an attempt that will be retried never reaches
/// the runner, and the final attempt reaches it with run-time skips and quarantined failures turned into skips.
/// </summary>
internal sealed class AttemptBus : IMessageBus
{
    private static readonly string SkipExceptionType = typeof(SkipException).FullName!;
    private readonly List<IMessageSinkMessage> _messages = [];
    private readonly object _gate = new();

    /// <summary>The result messages of this attempt, in order.</summary>
    public IReadOnlyList<ITestResultMessage> Results
    {
        get
        {
            lock (_gate)
            {
                return _messages.OfType<ITestResultMessage>().ToList();
            }
        }
    }

    /// <summary>True when the failure was raised by <see cref="SkipException"/> (a run-time skip, not a failure).</summary>
    public static bool IsRunTimeSkip(ITestFailed failed) =>
        failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == SkipExceptionType;

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
    public int ForwardTo(IMessageBus target, Func<ITestFailed, string?> skipReason, CancellationTokenSource cancellation)
    {
        List<IMessageSinkMessage> messages;
        lock (_gate)
        {
            messages = [.. _messages];
        }

        var translated = 0;
        foreach (var message in messages)
        {
            var outgoing = message;
            if (message is ITestFailed failed && skipReason(failed) is { } reason)
            {
                translated++;
                outgoing = new TestSkipped(failed.Test, reason);
            }
            else if (message is ITestCaseFinished finished && translated > 0)
            {
                outgoing = new TestCaseFinished(
                    finished.TestCase, finished.ExecutionTime, finished.TestsRun,
                    finished.TestsFailed - translated, finished.TestsSkipped + translated);
            }

            if (!target.QueueMessage(outgoing))
            {
                cancellation.Cancel();
            }
        }

        return translated;
    }

    // The target bus belongs to the assembly runner.
    public void Dispose()
    {
    }
}
