using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.History;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>
/// Runs each test case of a method through Hologram: profile skips (<c>[NoCi]</c>) become skipped tests with the reason;
/// a failed test case is retried (<c>Retries</c> / <c>[Retry(n)]</c>) and only its last attempt reaches the runner;
/// every attempt is recorded; a <see cref="SkipException"/> becomes a skip; a quarantined test's failure becomes a skip
/// with the quarantine's reason. Totals stay consistent at every level.
/// </summary>
internal sealed class HologramTestMethodRunner : XunitTestMethodRunner
{
    private static readonly ConcurrentDictionary<MethodInfo, int?> RetryAttributes = new();
    private readonly AdapterRun _run;
    private readonly IMessageSink _diagnosticMessageSink;
    private readonly object[] _constructorArguments;

    public HologramTestMethodRunner(
        AdapterRun run,
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
        var categories = Categories(testCase);
        var skipReason = _run.Selection?.ProfileSkipReason(categories);
        if (skipReason is not null && string.IsNullOrEmpty(testCase.SkipReason))
        {
            return await new XunitTestCaseRunner(
                testCase, testCase.DisplayName, skipReason, _constructorArguments, testCase.TestMethodArguments,
                MessageBus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
        }

        var attempts = new TestAttempts(_run.Session, RetryAttributeOf(testCase));
        for (var attempt = 1; ; attempt++)
        {
            var bus = new AttemptBus();
            var summary = await testCase.RunAsync(
                _diagnosticMessageSink, bus, _constructorArguments, new ExceptionAggregator(Aggregator), CancellationTokenSource);
            var results = bus.Results;
            var failed = results.OfType<ITestFailed>().Any(f => !AttemptBus.IsRunTimeSkip(f));
            var isFinal = attempts.IsFinal(attempt, failed, CancellationTokenSource.IsCancellationRequested);
            foreach (var result in results)
            {
                attempts.Record(ToAttempt(testCase, categories, result, attempt, isFinal));
            }

            if (!isFinal)
            {
                _diagnosticMessageSink.OnMessage(new DiagnosticMessage(
                    $"Hologram: {testCase.DisplayName} failed on attempt {attempt} of {attempts.MaxAttempts}; retrying"));
                continue;
            }

            var translated = bus.ForwardTo(MessageBus, f => SkipReasonFor(attempts, f), CancellationTokenSource);
            summary.Failed -= translated;
            summary.Skipped += translated;
            return summary;
        }
    }

    private static string? SkipReasonFor(TestAttempts attempts, ITestFailed failed) =>
        AttemptBus.IsRunTimeSkip(failed)
            ? failed.Messages.FirstOrDefault() ?? "skipped at run time"
            : attempts.QuarantineSkipReason(XunitTestIds.For(failed.Test), failed.Messages.FirstOrDefault());

    private static AttemptResult ToAttempt(
        IXunitTestCase testCase, List<string> categories, ITestResultMessage result, int attempt, bool isFinal)
    {
        var (outcome, message, exceptionType, stackTrace) = result switch
        {
            ITestFailed failed when AttemptBus.IsRunTimeSkip(failed) => (TestOutcome.Skipped, failed.Messages.FirstOrDefault(), null, null),
            ITestFailed failed => (
                TestOutcome.Failed,
                string.Join(Environment.NewLine, failed.Messages.Where(m => m is not null)),
                failed.ExceptionTypes.FirstOrDefault(),
                failed.StackTraces.FirstOrDefault()),
            ITestSkipped skipped => (TestOutcome.Skipped, skipped.Reason, null, null),
            _ => (TestOutcome.Passed, (string?)null, (string?)null, (string?)null),
        };

        return new AttemptResult
        {
            TestId = XunitTestIds.For(result.Test),
            DisplayName = result.Test.DisplayName,
            ClassName = testCase.TestMethod.TestClass.Class.Name,
            Categories = categories,
            Attempt = attempt,
            Outcome = outcome,
            DurationMs = (double)result.ExecutionTime * 1000,
            IsFinal = isFinal,
            Message = message,
            ExceptionType = exceptionType,
            StackTrace = stackTrace,
        };
    }

    private static int? RetryAttributeOf(IXunitTestCase testCase)
    {
        if (testCase.TestMethod.Method is not IReflectionMethodInfo { MethodInfo: var method })
        {
            return null;
        }

        return RetryAttributes.GetOrAdd(method, static (m, type) =>
            (m.GetCustomAttribute<RetryAttribute>() ?? type?.GetCustomAttribute<RetryAttribute>())?.Retries,
            (testCase.TestMethod.TestClass.Class as IReflectionTypeInfo)?.Type);
    }

    private static List<string> Categories(ITestCase testCase) =>
        testCase.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? values : [];
}
