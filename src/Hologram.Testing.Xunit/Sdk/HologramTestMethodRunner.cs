using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Runs each test case of a method through Hologram: profile skips (<c>[NoCi]</c>) become skipped tests with the reason,
/// and a <see cref="SkipException"/> thrown at run time becomes a skipped test with consistent totals.
/// </summary>
internal sealed class HologramTestMethodRunner : XunitTestMethodRunner
{
    private readonly HologramRun _run;
    private readonly IMessageSink _diagnosticMessageSink;
    private readonly object[] _constructorArguments;

    public HologramTestMethodRunner(
        HologramRun run,
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
        _diagnosticMessageSink = diagnosticMessageSink;
        _constructorArguments = constructorArguments;
    }

    protected override async Task<RunSummary> RunTestCaseAsync(IXunitTestCase testCase)
    {
        var skipReason = _run.Selection?.ProfileSkipReason(Categories(testCase));
        if (skipReason is not null && string.IsNullOrEmpty(testCase.SkipReason))
        {
            return await new XunitTestCaseRunner(
                testCase, testCase.DisplayName, skipReason, _constructorArguments, testCase.TestMethodArguments,
                MessageBus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
        }

        using var bus = new SkipTranslatingMessageBus(MessageBus);
        var summary = await testCase.RunAsync(
            _diagnosticMessageSink, bus, _constructorArguments, new ExceptionAggregator(Aggregator), CancellationTokenSource);
        if (bus.Translated > 0)
        {
            summary.Failed -= bus.Translated;
            summary.Skipped += bus.Translated;
        }

        return summary;
    }

    private static List<string> Categories(ITestCase testCase) =>
        testCase.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? values : [];
}
