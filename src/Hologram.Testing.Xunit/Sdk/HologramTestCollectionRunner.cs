using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>xUnit's collection runner (fixtures, ordering and parallelism unchanged) with Hologram's class runner.</summary>
internal sealed class HologramTestCollectionRunner : XunitTestCollectionRunner
{
    private readonly AdapterRun _run;
    private readonly XunitTestIds _ids;

    public HologramTestCollectionRunner(
        AdapterRun run,
        XunitTestIds ids,
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageBus messageBus,
        ITestCaseOrderer testCaseOrderer,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource)
        : base(testCollection, testCases, diagnosticMessageSink, messageBus, testCaseOrderer, aggregator, cancellationTokenSource)
    {
        _run = run;
        _ids = ids;
    }

    protected override Task<RunSummary> RunTestClassAsync(ITestClass testClass, IReflectionTypeInfo @class, IEnumerable<IXunitTestCase> testCases) =>
        new HologramTestClassRunner(
            _run, _ids, testClass, @class, testCases, DiagnosticMessageSink, MessageBus, TestCaseOrderer,
            new ExceptionAggregator(Aggregator), CancellationTokenSource, CollectionFixtureMappings).RunAsync();
}
