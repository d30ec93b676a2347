using System.Reflection;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// Keeps the exception that failed a test's body, so the attempt is reported with the exception's own type, message
/// and stack trace, as under xUnit, rather than NUnit's formatted result message. Applied as the innermost wrapper of
/// the test method (an <see cref="IWrapTestMethod"/>); the attempt that started the capture reads it. Flows to the
/// threads NUnit runs a test on (timeouts) with the execution context.
/// </summary>
internal sealed class FailureCapture : IDisposable
{
    private static readonly AsyncLocal<FailureCapture?> Current = new();
    private readonly FailureCapture? _previous;

    private FailureCapture(FailureCapture? previous) => _previous = previous;

    /// <summary>The first exception caught during the attempt, unwrapped from reflection wrappers; null when none.</summary>
    public Exception? Exception { get; private set; }

    /// <summary>The wrapper NUnit applies around the test method.</summary>
    public static IWrapTestMethod Wrapper { get; } = new CaptureWrapper();

    /// <summary>Starts capturing for one attempt.</summary>
    public static FailureCapture Begin() => Current.Value = new FailureCapture(Current.Value);

    /// <summary>Keeps <paramref name="exception"/> when nothing was caught closer to the test body.</summary>
    public void Caught(Exception exception) =>
        Exception ??= exception is TargetInvocationException or NUnitException && exception.InnerException is { } inner ? inner : exception;

    public void Dispose() => Current.Value = _previous;

    private sealed class CaptureWrapper : IWrapTestMethod
    {
        public TestCommand Wrap(TestCommand command) => new CaptureCommand(command);
    }

    private sealed class CaptureCommand(TestCommand innerCommand) : DelegatingTestCommand(innerCommand)
    {
        public override TestResult Execute(TestExecutionContext context)
        {
            try
            {
                return innerCommand.Execute(context);
            }
            catch (Exception e)
            {
                Current.Value?.Caught(e);
                throw;
            }
        }
    }
}
