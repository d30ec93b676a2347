using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>xUnit's class runner (class fixtures and constructor injection unchanged) with Hologram's method runner.</summary>
internal sealed class HologramTestClassRunner : XunitTestClassRunner
{
    private readonly AdapterRun _run;
    private readonly XunitTestIds _ids;

    public HologramTestClassRunner(
        AdapterRun run,
        XunitTestIds ids,
        ITestClass testClass,
        IReflectionTypeInfo @class,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        IDictionary<Type, object> collectionFixtureMappings)
        : base(testClass, @class, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource, collectionFixtureMappings)
    {
        _run = run;
        _ids = ids;
    }

    protected override Task<RunSummary> RunTestMethodAsync(
        ITestMethod testMethod, IReflectionMethodInfo method, IEnumerable<IXunitTestCase> testCases, object[] constructorArguments) =>
        new HologramTestMethodRunner(
            _run, _ids, testMethod, Class, method, testCases, DiagnosticMessageSink, MessageBus,
            new ExceptionAggregator(Aggregator), CancellationTokenSource, constructorArguments).RunAsync();
}
