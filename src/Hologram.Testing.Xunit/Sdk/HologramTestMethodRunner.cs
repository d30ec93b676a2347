using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Runs each test case of a method through the core's attempt pipeline (<see cref="TestCaseRun"/>): the core decides
/// profile skips, attempts, run-time and quarantine skips and records every attempt; this runner runs the test case
/// once per attempt on a held-back bus and sends the final attempt on with the core's verdicts applied.
/// </summary>
internal sealed class HologramTestMethodRunner : XunitTestMethodRunner
{
    private readonly AdapterRun _run;
    private readonly XunitTestIds _ids;
    private readonly IMessageSink _diagnosticMessageSink;
    private readonly object[] _constructorArguments;

    public HologramTestMethodRunner(
        AdapterRun run,
        XunitTestIds ids,
        ITestMethod testMethod,
        IReflectionTypeInfo @class,
        IReflectionMethodInfo method,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        object[] constructorArguments)
        : base(testMethod, @class, method, testCases, diagnosticMessageSink, messageBus, aggregator, cancellationTokenSource, constructorArguments)
    {
        _run = run;
        _ids = ids;
        _diagnosticMessageSink = diagnosticMessageSink;
        _constructorArguments = constructorArguments;
        ids.Register(TestCases);
    }

    protected override async Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase)
    {
        try
        {
            return await RunAttemptsAsync(testCase);
        }
        finally
        {
            _ids.Release(testCase);
        }
    }

    private async Task<RunSummary> RunAttemptsAsync(IXunitTestCase testCase)
    {
        var testCaseRun = _run.BeginTestCase(new TestCaseInfo
        {
            ClassName = testCase.TestMethod.TestClass.Class.Name,
            DisplayName = testCase.DisplayName,
            Categories = testCase.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? values : [],
            Method = (testCase.TestMethod.Method as IReflectionMethodInfo)?.MethodInfo,
            Class = (testCase.TestMethod.TestClass.Class as IReflectionTypeInfo)?.Type,
            SkippedByFramework = !string.IsNullOrEmpty(testCase.SkipReason),
        });
        if (testCaseRun.SkipReason is { } skipReason)
        {
            return await new XunitTestCaseRunner(
                testCase, testCase.DisplayName, skipReason, _constructorArguments, testCase.TestMethodArguments,
                MessageBus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
        }

        // A configuration error of the run is already in the aggregator; one of this test's retry attribute is added
        // to its own: the single attempt fails the test with it.
        var testError = _run.StartupError is null ? testCaseRun.StartupError : null;
        AttemptBus bus = null!;
        RunSummary summary = null!;
        var decision = await testCaseRun.RunAsync(
            async _ =>
            {
                bus = new AttemptBus(_ids);
                var aggregator = new ExceptionAggregator(Aggregator);
                if (testError is not null)
                {
                    aggregator.Add(testError);
                }

                summary = await testCase.RunAsync(
                    _diagnosticMessageSink, bus, _constructorArguments, aggregator, CancellationTokenSource);
                return bus.Observations();
            },
            () => CancellationTokenSource.IsCancellationRequested,
            note => _diagnosticMessageSink.OnMessage(new DiagnosticMessage(note)));

        var translated = bus.ForwardTo(MessageBus, decision.Verdicts, CancellationTokenSource);
        summary.Failed -= translated;
        summary.Skipped += translated;
        return summary;
    }
}
