using System.Collections.Concurrent;
using Hologram.Testing.XunitV3.Sdk;
using Xunit.Runner.Common;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Tests.Sdk;

/// <summary>
/// Runs test classes of this assembly through Hologram's real xUnit v3 framework (its discoverer and executor) with a
/// given configuration and clock, and collects every message it sends until the assembly has finished. Only the classes named are
/// discovered, so a fixture class kept non-public (which xUnit's discovery of this assembly skips) runs only here.
/// </summary>
internal static class InProcessRun
{
    public static async Task<RunResult> RunAsync(HologramOptions options, TimeProvider time, params Type[] types)
    {
        var assembly = typeof(InProcessRun).Assembly;
        await using var framework = new HologramTestFramework { OptionsFactory = _ => options, Time = time };
        var configuration = new TestAssemblyConfiguration();

        var testCases = new ConcurrentQueue<ITestCase>();
        var discoverer = framework.GetDiscoverer(assembly);
        await discoverer.Find(
            testCase =>
            {
                testCases.Enqueue(testCase);
                return new ValueTask<bool>(true);
            },
            TestFrameworkOptions.ForDiscovery(configuration),
            types);

        // The executor's task ends after the assembly-finished message (the session has ended by then, see SessionEndingSink).
        var messages = new ConcurrentQueue<IMessageSinkMessage>();
        var executor = framework.GetExecutor(assembly);
        await executor.RunTestCases(
            testCases.ToList(), new Collecting(messages), TestFrameworkOptions.ForExecution(configuration), CancellationToken.None);
        return new RunResult(testCases.Count, messages.ToList());
    }

    private sealed class Collecting(ConcurrentQueue<IMessageSinkMessage> messages) : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message)
        {
            messages.Enqueue(message);
            return true;
        }
    }
}

/// <summary>What an in-process run produced.</summary>
internal sealed record RunResult(int Discovered, IReadOnlyList<IMessageSinkMessage> Messages)
{
    public int Passed => Messages.OfType<ITestPassed>().Count();

    public int Failed => Messages.OfType<ITestFailed>().Count();

    public int Skipped => Messages.OfType<ITestSkipped>().Count();

    public ITestAssemblyFinished AssemblyFinished => Messages.OfType<ITestAssemblyFinished>().Single();

    /// <summary>Every failure's messages and every diagnostic, for assertion messages.</summary>
    public string Problems => string.Join(
        Environment.NewLine,
        Messages.OfType<ITestFailed>().SelectMany(m => m.Messages)
            .Concat(Messages.OfType<IDiagnosticMessage>().Select(m => m.Message))
            .Concat(Messages.OfType<IErrorMessage>().SelectMany(m => m.Messages)));
}
