using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.Flakes;
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
        var categories = Categories(testCase);
        var skipReason = _run.Selection?.ProfileSkipReason(categories);
        if (skipReason is not null && string.IsNullOrEmpty(testCase.SkipReason))
        {
            return await new XunitTestCaseRunner(
                testCase, testCase.DisplayName, skipReason, _constructorArguments, testCase.TestMethodArguments,
                MessageBus, new ExceptionAggregator(Aggregator), CancellationTokenSource).RunAsync();
        }

        var session = _run.Session;
        var maxAttempts = session is null ? 1 : 1 + RetriesFor(testCase, session.Options.Retries);
        var failedBefore = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            var bus = new AttemptBus();
            var summary = await testCase.RunAsync(
                _diagnosticMessageSink, bus, _constructorArguments, new ExceptionAggregator(Aggregator), CancellationTokenSource);
            var results = bus.Results;
            var failures = results.OfType<ITestFailed>().Where(f => !AttemptBus.IsRunTimeSkip(f)).ToList();
            var isFinal = failures.Count == 0 || attempt >= maxAttempts || CancellationTokenSource.IsCancellationRequested;

            if (session is not null)
            {
                Record(session, testCase, categories, results, attempt, isFinal, failedBefore);
            }

            if (!isFinal)
            {
                _diagnosticMessageSink.OnMessage(new DiagnosticMessage(
                    $"Hologram: {testCase.DisplayName} failed on attempt {attempt} of {maxAttempts}; retrying"));
                continue;
            }

            var translated = bus.ForwardTo(MessageBus, failed => SkipReasonFor(session, failed), CancellationTokenSource);
            summary.Failed -= translated;
            summary.Skipped += translated;
            return summary;
        }
    }

    private static string? SkipReasonFor(TestRunSession? session, ITestFailed failed)
    {
        if (AttemptBus.IsRunTimeSkip(failed))
        {
            return failed.Messages.FirstOrDefault() ?? "skipped at run time";
        }

        return session?.QuarantineOf(XunitTestIds.For(failed.Test)) is { } quarantine
            ? QuarantinePolicy.SkipReason(quarantine, failed.Messages.FirstOrDefault())
            : null;
    }

    private static void Record(
        TestRunSession session,
        IXunitTestCase testCase,
        List<string> categories,
        IReadOnlyList<ITestResultMessage> results,
        int attempt,
        bool isFinal,
        Dictionary<string, string?> failedBefore)
    {
        foreach (var result in results)
        {
            var testId = XunitTestIds.For(result.Test);
            TestOutcome outcome;
            string? message = null, exceptionType = null, stackTrace = null;
            switch (result)
            {
                case ITestFailed failed when AttemptBus.IsRunTimeSkip(failed):
                    outcome = TestOutcome.Skipped;
                    message = failed.Messages.FirstOrDefault();
                    break;
                case ITestFailed failed:
                    outcome = TestOutcome.Failed;
                    exceptionType = failed.ExceptionTypes.FirstOrDefault();
                    message = string.Join(Environment.NewLine, failed.Messages.Where(m => m is not null));
                    stackTrace = failed.StackTraces.FirstOrDefault();
                    break;
                case ITestSkipped skipped:
                    outcome = TestOutcome.Skipped;
                    message = skipped.Reason;
                    break;
                default:
                    outcome = TestOutcome.Passed;
                    break;
            }

            var quarantined = outcome == TestOutcome.Failed && isFinal && session.QuarantineOf(testId) is not null;
            session.Record(new AttemptResult
            {
                TestId = testId,
                DisplayName = result.Test.DisplayName,
                ClassName = testCase.TestMethod.TestClass.Class.Name,
                Categories = categories,
                Attempt = attempt,
                Outcome = outcome,
                DurationMs = (double)result.ExecutionTime * 1000,
                IsFinal = isFinal,
                Quarantined = quarantined,
                Message = message,
                ExceptionType = exceptionType,
                StackTrace = stackTrace,
            });

            if (outcome == TestOutcome.Failed)
            {
                failedBefore[testId] = ErrorSignature.Compute(exceptionType, message, stackTrace);
            }
            else if (outcome == TestOutcome.Passed && isFinal && failedBefore.TryGetValue(testId, out var signature))
            {
                session.RecordPassedOnRetry(testId, signature);
            }
        }
    }

    private static int RetriesFor(IXunitTestCase testCase, int configured)
    {
        if (testCase.TestMethod.Method is not IReflectionMethodInfo { MethodInfo: var method })
        {
            return configured;
        }

        var fromAttribute = RetryAttributes.GetOrAdd(method, static (m, type) =>
            (m.GetCustomAttribute<RetryAttribute>() ?? type?.GetCustomAttribute<RetryAttribute>())?.Retries,
            (testCase.TestMethod.TestClass.Class as IReflectionTypeInfo)?.Type);
        return fromAttribute ?? configured;
    }

    private static List<string> Categories(ITestCase testCase) =>
        testCase.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? values : [];
}
