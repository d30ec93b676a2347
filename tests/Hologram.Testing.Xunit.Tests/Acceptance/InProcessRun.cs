using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Xunit.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

/// <summary>
/// Runs small test classes of this assembly through Hologram's real xUnit v2 framework (discoverer and executor)
/// and collects every message that comes out.
/// </summary>
internal static class InProcessRun
{
    public static IReadOnlyList<IXunitTestCase> Discover(params Type[] types)
    {
        using var framework = new HologramTestFramework(new NullSink());
        return Discover(framework, types);
    }

    public static async Task<RunResult> RunAsync(HologramOptions options, params Type[] types) =>
        await RunAsync(() => options, types);

    public static Task<RunResult> RunAsync(Func<HologramOptions> options, params Type[] types) =>
        RunAsync(options, TimeProvider.System, types);

    public static Task<RunResult> RunAsync(Func<HologramOptions> options, TimeProvider time, params Type[] types) =>
        RunAsync(options, time, new Dictionary<string, object?>(), types);

    /// <summary>Runs with xUnit execution options set (e.g. <c>xunit.execution.MaxParallelThreads</c>).</summary>
    public static async Task<RunResult> RunAsync(
        Func<HologramOptions> options, TimeProvider time, IReadOnlyDictionary<string, object?> executionOptions, params Type[] types)
    {
        using var framework = new HologramTestFramework(new NullSink()) { OptionsFactory = _ => options(), Time = time };
        var testCases = Discover(framework, types);
        using var executor = framework.GetExecutor(typeof(InProcessRun).Assembly.GetName());
        using var sink = new CollectingSink<ITestAssemblyFinished>();
        var runOptions = new Options();
        foreach (var (name, value) in executionOptions)
        {
            runOptions.SetValue(name, value);
        }

        executor.RunTests(testCases, sink, runOptions);
        await sink.Finished.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return new RunResult(testCases, sink.Messages.ToList());
    }

    private static List<IXunitTestCase> Discover(HologramTestFramework framework, Type[] types)
    {
        var discoverer = framework.GetDiscoverer(Reflector.Wrap(typeof(InProcessRun).Assembly));
        var cases = new List<IXunitTestCase>();
        foreach (var type in types)
        {
            using var sink = new CollectingSink<IDiscoveryCompleteMessage>();
            discoverer.Find(type.FullName, false, sink, new Options());
            sink.Finished.Task.Wait(TimeSpan.FromMinutes(1));
            cases.AddRange(sink.Messages.OfType<ITestCaseDiscoveryMessage>().Select(m => (IXunitTestCase)m.TestCase));
        }

        return cases;
    }

    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = [];

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var v) && v is TValue t ? t : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class NullSink : IMessageSink
    {
        public bool OnMessage(IMessageSinkMessage message) => true;
    }

    private sealed class CollectingSink<TFinal> : IMessageSink, IDisposable
    {
        public ConcurrentQueue<IMessageSinkMessage> Messages { get; } = new();

        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool OnMessage(IMessageSinkMessage message)
        {
            Messages.Enqueue(message);
            if (message is TFinal)
            {
                Finished.TrySetResult();
            }

            return true;
        }

        public void Dispose()
        {
        }
    }
}

/// <summary>What an in-process run produced.</summary>
internal sealed record RunResult(IReadOnlyList<IXunitTestCase> TestCases, IReadOnlyList<IMessageSinkMessage> Messages)
{
    public IEnumerable<ITestResultMessage> Results => Messages.OfType<ITestResultMessage>();

    public IReadOnlyList<string> Passed => Names<ITestPassed>();

    public IReadOnlyList<string> Failed => Names<ITestFailed>();

    public IReadOnlyList<string> Skipped => Names<ITestSkipped>();

    public ITestAssemblyFinished AssemblyFinished => Messages.OfType<ITestAssemblyFinished>().Single();

    /// <summary>The skip reason of the (first) skipped test of the method <paramref name="method"/>.</summary>
    public string SkipReason(string method) =>
        Messages.OfType<ITestSkipped>().First(m => m.TestCase.TestMethod.Method.Name == method).Reason;

    /// <summary>The failure message of the (first) failed test of the method <paramref name="method"/>.</summary>
    public string FailureMessage(string method) =>
        string.Join(" | ", Messages.OfType<ITestFailed>().First(m => m.TestCase.TestMethod.Method.Name == method).Messages);

    /// <summary>Asserts that the totals xUnit reports at every level agree with the individual results.</summary>
    public void AssertTotalsConsistent()
    {
        var results = Results.ToList();
        var finished = AssemblyFinished;
        Assert.Equal(results.Count, finished.TestsRun);
        Assert.Equal(Failed.Count, finished.TestsFailed);
        Assert.Equal(Skipped.Count, finished.TestsSkipped);

        var caseTotals = Messages.OfType<ITestCaseFinished>().ToList();
        Assert.Equal(finished.TestsRun, caseTotals.Sum(m => m.TestsRun));
        Assert.Equal(finished.TestsFailed, caseTotals.Sum(m => m.TestsFailed));
        Assert.Equal(finished.TestsSkipped, caseTotals.Sum(m => m.TestsSkipped));
        var classTotals = Messages.OfType<ITestClassFinished>().ToList();
        Assert.Equal(finished.TestsSkipped, classTotals.Sum(m => m.TestsSkipped));
        Assert.Equal(finished.TestsFailed, classTotals.Sum(m => m.TestsFailed));
    }

    private List<string> Names<T>()
        where T : ITestResultMessage => Messages.OfType<T>().Select(m => m.Test.DisplayName).Order(StringComparer.Ordinal).ToList();
}
