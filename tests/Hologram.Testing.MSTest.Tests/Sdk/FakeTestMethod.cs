using System.Reflection;

namespace Hologram.Testing.MSTest.Tests.Sdk;

/// <summary>
/// A test method as MSTest hands it to a <see cref="TestMethodAttribute"/>: invoking it runs <see cref="Body"/> the way
/// MSTest's own invoke does (a thrown exception becomes a failed result wrapping it, an inconclusive assertion an
/// inconclusive result), so the hook can be driven in process without MSTest's runner.
/// </summary>
internal sealed class FakeTestMethod(MethodInfo method, Action body, object?[]? arguments = null) : ITestMethod
{
    public int Invocations { get; private set; }

    public Action Body { get; } = body;

    public string TestMethodName => method.Name;

    public string TestClassName => method.DeclaringType!.FullName!;

    public Type ReturnType => method.ReturnType;

    public object?[]? Arguments => arguments;

    public ParameterInfo[] ParameterTypes => method.GetParameters();

    public MethodInfo MethodInfo => method;

    public static FakeTestMethod Of<T>(string name, Action body, object?[]? arguments = null) =>
        new(typeof(T).GetMethod(name) ?? throw new ArgumentException(name, nameof(name)), body, arguments);

    public Task<TestResult> InvokeAsync(object?[]? arguments)
    {
        Invocations++;
        try
        {
            Body();
            return Task.FromResult(new TestResult { Outcome = UnitTestOutcome.Passed, Duration = TimeSpan.FromMilliseconds(1) });
        }
        catch (AssertInconclusiveException e)
        {
            return Task.FromResult(new TestResult { Outcome = UnitTestOutcome.Inconclusive, TestFailureException = e });
        }
        catch (Exception e)
        {
            // MSTest wraps the thrown exception in its own failure exception (TestFailedException), message prefixed.
            return Task.FromResult(new TestResult { Outcome = UnitTestOutcome.Failed, TestFailureException = new TestFailedException("Test method threw exception: " + e.Message, e) });
        }
    }

    public Attribute[] GetAllAttributes() => [.. method.GetCustomAttributes()];

    public TAttributeType[] GetAttributes<TAttributeType>()
        where TAttributeType : Attribute => [.. method.GetCustomAttributes<TAttributeType>()];

    /// <summary>Named as MSTest's own wrapper is, which the hook unwraps.</summary>
    private sealed class TestFailedException(string message, Exception inner) : Exception(message, inner);
}
