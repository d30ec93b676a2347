using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.History;
using Xunit.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// An xUnit v3 test case as Hologram runs it: the test case itself, unchanged for xUnit's runners (same ids, traits,
/// fixtures and ordering), which xUnit's method runner hands back to Hologram to run. A profile skip (<c>[NoCi]</c>)
/// becomes an xUnit skip; a failed attempt is retried (<c>Retries</c> / <c>[Retry(n)]</c>) and only the last attempt
/// reaches the runner; every attempt is recorded; a <see cref="SkipException"/> and a quarantined test's failure become
/// skips with their reason. Totals stay consistent at every level.
/// </summary>
internal sealed class HologramTestCase(IXunitTestCase inner, AdapterRun run) : IXunitTestCase, ISelfExecutingXunitTestCase
{
    private static readonly ConcurrentDictionary<MethodInfo, int?> RetryAttributes = new();

    /// <summary>The wrapped xUnit test case.</summary>
    public IXunitTestCase Inner => inner;

    public bool DisableParallelization => inner.DisableParallelization;

    public bool Explicit => inner.Explicit;

    public Type[]? SkipExceptions => inner.SkipExceptions;

    public string? SkipReason => inner.SkipReason;

    public Type? SkipType => inner.SkipType;

    public string? SkipUnless => inner.SkipUnless;

    public string? SkipWhen => inner.SkipWhen;

    public string? SourceFilePath => inner.SourceFilePath;

    public int? SourceLineNumber => inner.SourceLineNumber;

    public string TestCaseDisplayName => inner.TestCaseDisplayName;

    public IXunitTestClass TestClass => inner.TestClass;

    public int? TestClassMetadataToken => inner.TestClassMetadataToken;

    public string TestClassName => inner.TestClassName;

    public string? TestClassNamespace => inner.TestClassNamespace;

    public string TestClassSimpleName => inner.TestClassSimpleName;

    public IXunitTestCollection TestCollection => inner.TestCollection;

    public IXunitTestMethod TestMethod => inner.TestMethod;

    public int TestMethodArity => inner.TestMethodArity;

    public int TestMethodMetadataToken => inner.TestMethodMetadataToken;

    public string TestMethodName => inner.TestMethodName;

    public string[] TestMethodParameterTypesVSTest => inner.TestMethodParameterTypesVSTest;

    public string TestMethodReturnTypeVSTest => inner.TestMethodReturnTypeVSTest;

    public int Timeout => inner.Timeout;

    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Traits => inner.Traits;

    public string UniqueID => inner.UniqueID;

    ICoreTestClass ICoreTestCase.TestClass => inner.TestClass;

    ICoreTestCollection ICoreTestCase.TestCollection => inner.TestCollection;

    ICoreTestMethod ICoreTestCase.TestMethod => inner.TestMethod;

    ITestClass? ITestCase.TestClass => inner.TestClass;

    ITestCollection ITestCase.TestCollection => inner.TestCollection;

    ITestMethod? ITestCase.TestMethod => inner.TestMethod;

    int? ITestCaseMetadata.TestMethodArity => inner.TestMethodArity;

    int? ITestCaseMetadata.TestMethodMetadataToken => inner.TestMethodMetadataToken;

    string? ITestCaseMetadata.TestClassName => inner.TestClassName;

    string? ITestCaseMetadata.TestClassSimpleName => inner.TestClassSimpleName;

    string? ITestCaseMetadata.TestMethodName => inner.TestMethodName;

    string[]? ITestCaseMetadata.TestMethodParameterTypesVSTest => inner.TestMethodParameterTypesVSTest;

    string? ITestCaseMetadata.TestMethodReturnTypeVSTest => inner.TestMethodReturnTypeVSTest;

    public ValueTask<IReadOnlyCollection<IXunitTest>> CreateTests() => inner.CreateTests();

    public void PostInvoke() => inner.PostInvoke();

    public void PreInvoke() => inner.PreInvoke();

    public async ValueTask<RunSummary> Run(
        ExplicitOption explicitOption,
        IMessageBus messageBus,
        object?[] constructorArguments,
        ExceptionAggregator aggregator,
        CancellationTokenSource cancellationTokenSource,
        ParallelMode parallelMode,
        ExecutionScheduler scheduler,
        FixtureMappingManager methodFixtureMappings)
    {
        if (run.StartupError is { } error)
        {
            return XunitRunnerHelper.FailTestCases(messageBus, cancellationTokenSource, [inner], error, false, false, false, true, true);
        }

        var categories = inner.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? values.ToList() : [];
        if (run.Selection?.ProfileSkipReason(categories) is { } profileSkip && string.IsNullOrEmpty(inner.SkipReason))
        {
            return XunitRunnerHelper.SkipTestCases(messageBus, cancellationTokenSource, [inner], profileSkip, false, false, false, true, true);
        }

        var attempts = new TestAttempts(run.Session, RetriesFromAttribute());
        for (var attempt = 1; ; attempt++)
        {
            var bus = new AttemptBus();
            var summary = inner is ISelfExecutingXunitTestCase selfExecuting
                ? await selfExecuting.Run(
                    explicitOption, bus, constructorArguments, aggregator.Clone(), cancellationTokenSource, parallelMode, scheduler, methodFixtureMappings)
                : await XunitRunnerHelper.RunXunitTestCase(
                    inner, bus, cancellationTokenSource, parallelMode, scheduler, aggregator.Clone(), explicitOption, constructorArguments, methodFixtureMappings);
            var results = bus.Results();
            var failed = results.Any(r => r.Outcome == TestOutcome.Failed);
            var isFinal = attempts.IsFinal(attempt, failed, cancellationTokenSource.IsCancellationRequested);
            foreach (var result in results)
            {
                attempts.Record(new AttemptResult
                {
                    TestId = XunitV3TestIds.For(inner, result.DisplayName),
                    DisplayName = result.DisplayName,
                    ClassName = inner.TestClassName,
                    Categories = categories,
                    Attempt = attempt,
                    Outcome = result.Outcome,
                    DurationMs = (double)result.ExecutionTime * 1000,
                    IsFinal = isFinal,
                    Message = result.Message,
                    ExceptionType = result.ExceptionType,
                    StackTrace = result.StackTrace,
                });
            }

            if (!isFinal)
            {
                continue;
            }

            var translated = bus.ForwardTo(
                messageBus,
                (failure, displayName) => AttemptBus.IsRunTimeSkip(failure)
                    ? failure.Messages.FirstOrDefault() ?? "skipped at run time"
                    : attempts.QuarantineSkipReason(XunitV3TestIds.For(inner, displayName), failure.Messages.FirstOrDefault()),
                cancellationTokenSource);
            summary.Failed -= translated;
            summary.Skipped += translated;
            return summary;
        }
    }

    private int? RetriesFromAttribute() =>
        RetryAttributes.GetOrAdd(inner.TestMethod.Method, static (method, type) =>
            (method.GetCustomAttribute<RetryAttribute>() ?? type.GetCustomAttribute<RetryAttribute>())?.Retries,
            inner.TestClass.Class);
}
