using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>xUnit's assembly runner with Hologram's collection runner; a configuration error fails every test with its one-line message.</summary>
internal sealed class HologramTestAssemblyRunner : XunitTestAssemblyRunner
{
    private readonly AdapterRun _run;

    public HologramTestAssemblyRunner(
        AdapterRun run,
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        _run = run;
    }

    /// <summary>Ends the session before xUnit reports the assembly finished, so the runner never exits mid-write.</summary>
    protected override async Task BeforeTestAssemblyFinishedAsync()
    {
        await _run.DisposeAsync();
        await base.BeforeTestAssemblyFinishedAsync();
    }

    protected override Task<RunSummary> RunTestCollectionAsync(
        IMessageBus messageBus,
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        CancellationTokenSource cancellationTokenSource)
    {
        var aggregator = new ExceptionAggregator(Aggregator);
        if (_run.StartupError is { } error)
        {
            aggregator.Add(error);
        }

        return new HologramTestCollectionRunner(
            _run, testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer, aggregator, cancellationTokenSource).RunAsync();
    }
}
