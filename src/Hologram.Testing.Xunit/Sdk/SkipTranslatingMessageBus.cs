using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Passes one test case's messages on, turning a failure caused by <see cref="SkipException"/> into a skip with
/// its reason and correcting the test case's totals to match.
/// </summary>
internal sealed class SkipTranslatingMessageBus : IMessageBus
{
    private static readonly string SkipExceptionType = typeof(SkipException).FullName!;
    private readonly IMessageBus _inner;

    public SkipTranslatingMessageBus(IMessageBus inner) => _inner = inner;

    /// <summary>How many failures were turned into skips.</summary>
    public int Translated { get; private set; }

    public bool QueueMessage(IMessageSinkMessage message)
    {
        switch (message)
        {
            case ITestFailed failed when failed.ExceptionTypes.Length > 0 && failed.ExceptionTypes[0] == SkipExceptionType:
                Translated++;
                return _inner.QueueMessage(new TestSkipped(failed.Test, failed.Messages[0]));
            case ITestCaseFinished finished when Translated > 0:
                return _inner.QueueMessage(new TestCaseFinished(
                    finished.TestCase, finished.ExecutionTime, finished.TestsRun,
                    finished.TestsFailed - Translated, finished.TestsSkipped + Translated));
            default:
                return _inner.QueueMessage(message);
        }
    }

    // The inner bus belongs to the assembly runner.
    public void Dispose()
    {
    }
}
