using System.Reflection;
using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>xUnit's assembly runner with Hologram's collection runner; a configuration error fails every test with its one-line message.</summary>
internal sealed class HologramTestAssemblyRunner : XunitTestAssemblyRunner
{
    // xUnit 2.8 and later limit how many collections run at once (the default "conservative" parallel algorithm) with a
    // semaphore its own RunTestCollectionAsync waits on; this runner replaces that method, so it waits on the same
    // semaphore. Before 2.8 the field does not exist and the limit is the synchronization context's, as in xUnit.
    internal static readonly FieldInfo? ParallelSemaphoreField =
        typeof(XunitTestAssemblyRunner).GetField("parallelSemaphore", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly AdapterRun _run;
    private readonly XunitTestIds _ids;

    public HologramTestAssemblyRunner(
        AdapterRun run,
        XunitTestIds ids,
        ITestAssembly testAssembly,
        IEnumerable<IXunitTestCase> testCases,
        IMessageSink diagnosticMessageSink,
        IMessageSink executionMessageSink,
        ITestFrameworkExecutionOptions executionOptions)
        : base(testAssembly, testCases, diagnosticMessageSink, executionMessageSink, executionOptions)
    {
        _run = run;
        _ids = ids;
    }

    /// <summary>Ends the session before xUnit reports the assembly finished, so the runner never exits mid-write.</summary>
    protected override async Task BeforeTestAssemblyFinishedAsync()
    {
        await _run.DisposeAsync();
        await base.BeforeTestAssemblyFinishedAsync();
    }

    protected override async Task<RunSummary> RunTestCollectionAsync(
        IMessageBus messageBus,
        ITestCollection testCollection,
        IEnumerable<IXunitTestCase> testCases,
        CancellationTokenSource cancellationTokenSource)
    {
        var semaphore = ParallelSemaphoreField?.GetValue(this) as SemaphoreSlim;
        if (semaphore is not null)
        {
            await semaphore.WaitAsync(cancellationTokenSource.Token);
        }

        try
        {
            var aggregator = new ExceptionAggregator(Aggregator);
            if (_run.StartupError is { } error)
            {
                aggregator.Add(error);
            }

            return await new HologramTestCollectionRunner(
                _run, _ids, testCollection, testCases, DiagnosticMessageSink, messageBus, TestCaseOrderer, aggregator, cancellationTokenSource).RunAsync();
        }
        finally
        {
            semaphore?.Release();
        }
    }
}
