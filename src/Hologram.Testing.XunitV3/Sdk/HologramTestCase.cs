using Hologram.Testing.Sdk;
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
internal sealed class HologramTestCase(IXunitTestCase inner, AdapterRun run, XunitV3TestIds ids) : IXunitTestCase, ISelfExecutingXunitTestCase
{
    /// <summary>The wrapped xUnit test case.</summary>
    public IXunitTestCase Inner => inner;

#if !XUNIT_V3_3
    public bool DisableParallelization => inner.DisableParallelization;
#endif

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

#if XUNIT_V3_3
    public int TestClassMetadataToken => inner.TestClassMetadataToken;

    int? ITestCaseMetadata.TestClassMetadataToken => inner.TestClassMetadataToken;
#else
    public int? TestClassMetadataToken => inner.TestClassMetadataToken;
#endif

    public string TestClassName => inner.TestClassName;

    public string? TestClassNamespace => inner.TestClassNamespace;

    public string TestClassSimpleName => inner.TestClassSimpleName;

    public IXunitTestCollection TestCollection => inner.TestCollection;

    public IXunitTestMethod TestMethod => inner.TestMethod;

#if XUNIT_V3_3
    public int? TestMethodArity => inner.TestMethodArity;
#else
    public int TestMethodArity => inner.TestMethodArity;
#endif

    public int TestMethodMetadataToken => inner.TestMethodMetadataToken;

    public string TestMethodName => inner.TestMethodName;

    public string[] TestMethodParameterTypesVSTest => inner.TestMethodParameterTypesVSTest;

    public string TestMethodReturnTypeVSTest => inner.TestMethodReturnTypeVSTest;

    public int Timeout => inner.Timeout;

    public IReadOnlyDictionary<string, IReadOnlyCollection<string>> Traits => inner.Traits;

    public string UniqueID => inner.UniqueID;

#if !XUNIT_V3_3
    ICoreTestClass ICoreTestCase.TestClass => inner.TestClass;

    ICoreTestCollection ICoreTestCase.TestCollection => inner.TestCollection;

    ICoreTestMethod ICoreTestCase.TestMethod => inner.TestMethod;
#endif

    ITestClass? ITestCase.TestClass => inner.TestClass;

    ITestCollection ITestCase.TestCollection => inner.TestCollection;

    ITestMethod? ITestCase.TestMethod => inner.TestMethod;

#if !XUNIT_V3_3
    int? ITestCaseMetadata.TestMethodArity => inner.TestMethodArity;
#endif

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
#if XUNIT_V3_3
        CancellationTokenSource cancellationTokenSource)
#else
        CancellationTokenSource cancellationTokenSource,
        ParallelMode parallelMode,
        ExecutionScheduler scheduler,
        FixtureMappingManager methodFixtureMappings)
#endif
    {
        try
        {
#if XUNIT_V3_3
            return await RunAttempts(explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource);
#else
            return await RunAttempts(
                explicitOption, messageBus, constructorArguments, aggregator, cancellationTokenSource, parallelMode, scheduler, methodFixtureMappings);
#endif
        }
        finally
        {
            ids.Release(inner);
        }
    }

    private async ValueTask<RunSummary> RunAttempts(
        ExplicitOption explicitOption,
        IMessageBus messageBus,
        object?[] constructorArguments,
        ExceptionAggregator aggregator,
#if XUNIT_V3_3
        CancellationTokenSource cancellationTokenSource)
#else
        CancellationTokenSource cancellationTokenSource,
        ParallelMode parallelMode,
        ExecutionScheduler scheduler,
        FixtureMappingManager methodFixtureMappings)
#endif
    {
        var testCaseRun = run.BeginTestCase(new TestCaseInfo
        {
            ClassName = inner.TestClassName,
            DisplayName = inner.TestCaseDisplayName,
            Categories = inner.Traits.TryGetValue(HologramCategories.TraitName, out var values) ? [.. values] : [],
            Method = inner.TestMethod.Method,
            Class = inner.TestClass.Class,
            SkippedByFramework = !string.IsNullOrEmpty(inner.SkipReason),
        });
        if (testCaseRun.StartupError is { } error)
        {
            return XunitRunnerHelper.FailTestCases(messageBus, cancellationTokenSource, [inner], error, false, false, false, true, true);
        }

        if (testCaseRun.SkipReason is { } profileSkip)
        {
            return XunitRunnerHelper.SkipTestCases(messageBus, cancellationTokenSource, [inner], profileSkip, false, false, false, true, true);
        }

        AttemptBus bus = null!;
        RunSummary summary = default;
        var decision = await testCaseRun.RunAsync(
            async _ =>
            {
                bus = new AttemptBus();
#if XUNIT_V3_3
                summary = inner is ISelfExecutingXunitTestCase selfExecuting
                    ? await selfExecuting.Run(explicitOption, bus, constructorArguments, aggregator.Clone(), cancellationTokenSource)
                    : await XunitRunnerHelper.RunXunitTestCase(inner, bus, cancellationTokenSource, aggregator.Clone(), explicitOption, constructorArguments);
#else
                summary = inner is ISelfExecutingXunitTestCase selfExecuting
                    ? await selfExecuting.Run(
                        explicitOption, bus, constructorArguments, aggregator.Clone(), cancellationTokenSource, parallelMode, scheduler, methodFixtureMappings)
                    : await XunitRunnerHelper.RunXunitTestCase(
                        inner, bus, cancellationTokenSource, parallelMode, scheduler, aggregator.Clone(), explicitOption, constructorArguments, methodFixtureMappings);
#endif
                return bus.Observations(displayName => ids.For(inner, displayName));
            },
            () => cancellationTokenSource.IsCancellationRequested);

        var translated = bus.ForwardTo(messageBus, decision.Verdicts, cancellationTokenSource);
        summary.Failed -= translated;
        summary.Skipped += translated;
        return summary;
    }
}
