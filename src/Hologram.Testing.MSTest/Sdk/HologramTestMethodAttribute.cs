using System.Diagnostics;
using System.Reflection;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>
/// Runs one MSTest test (one data row) through the core's attempt pipeline (<see cref="TestCaseRun"/>): each attempt
/// runs the test's own <see cref="TestMethodAttribute"/> once (a fresh instance, initialize and cleanup) and reports its
/// results; the core decides retries, run-time and quarantine skips and records every attempt; the final attempt's
/// results reach MSTest with the core's verdicts applied (a skip verdict for a failure becomes an
/// <em>inconclusive</em> result with the reason). <see cref="HologramTestClassAttribute"/> puts it around every test.
/// </summary>
// MSTEST0057 asks a TestMethodAttribute declared on methods for caller-info parameters; this one is never declared:
// HologramTestClassAttribute creates it around the declared attribute and passes on that attribute's file and line.
#pragma warning disable MSTEST0057
internal sealed class HologramTestMethodAttribute : TestMethodAttribute
{
    // How a test Hologram skips is reported: MSTest 4's "ignored", MSTest 3's "inconclusive" (3.x has no "ignored"
    // result); both are "Skipped" in VSTest and TRX.
#if MSTEST3
    private const UnitTestOutcome Skipped = UnitTestOutcome.Inconclusive;
#else
    private const UnitTestOutcome Skipped = UnitTestOutcome.Ignored;
#endif

    private readonly TestMethodAttribute _inner;

    /// <summary>Wraps the test method's own attribute.</summary>
    /// <param name="inner">The attribute the test method declares (<c>[TestMethod]</c>, <c>[DataTestMethod]</c>, …).</param>
#if MSTEST3
    public HologramTestMethodAttribute(TestMethodAttribute inner)
        : base(inner?.DisplayName)
    {
        ArgumentNullException.ThrowIfNull(inner);
        _inner = inner;
    }

    /// <inheritdoc />
    public override TestResult[] Execute(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        // The test's own attribute runs synchronously under MSTest 3, so the pipeline completes synchronously too.
        return RunAsync(testMethod, () => new ValueTask<TestResult[]>(_inner.Execute(testMethod))).AsTask().GetAwaiter().GetResult();
    }
#else
    public HologramTestMethodAttribute(TestMethodAttribute inner)
        : base(inner?.DeclaringFilePath ?? string.Empty, inner?.DeclaringLineNumber ?? -1)
    {
        ArgumentNullException.ThrowIfNull(inner);
        // MSTest reads the display name and the data unfolding from the declared attribute, not from this one (and
        // their setters are not the same across 4.x releases): only the declaring file and line are passed on.
        _inner = inner;
    }

    /// <inheritdoc />
    public override Task<TestResult[]> ExecuteAsync(ITestMethod testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        return RunAsync(testMethod, () => new ValueTask<TestResult[]>(_inner.ExecuteAsync(testMethod))).AsTask();
    }
#endif

    /// <summary>The attribute the test method declares.</summary>
    internal TestMethodAttribute Inner => _inner;

    private static async ValueTask<TestResult[]> RunAsync(ITestMethod testMethod, Func<ValueTask<TestResult[]>> runOnce)
    {
        var testClass = testMethod.MethodInfo.DeclaringType;
        var run = MSTestRun.For(testClass?.Assembly ?? Assembly.GetCallingAssembly());
        var testId = MSTestTestIds.For(testMethod);
        if (run.Selection is { IsSharded: true } selection && !selection.InShard(testId))
        {
            return [Result(Skipped, new AssertInconclusiveException($"outside shard {run.Options!.Shard} (HOLOGRAM_SHARD)"))];
        }

        var testCaseRun = run.Start().BeginTestCase(new TestCaseInfo
        {
            ClassName = testMethod.TestClassName,
            DisplayName = testId,
            Categories = MSTestCategories.Of(testMethod.MethodInfo, testClass),
            Method = testMethod.MethodInfo,
            Class = testClass,
        });
        if (testCaseRun.StartupError is { } error)
        {
            return [Result(UnitTestOutcome.Failed, new AssertFailedException($"Hologram: {error.Message}"))];
        }

        if (testCaseRun.SkipReason is { } skipReason)
        {
            return [Result(Skipped, new AssertInconclusiveException(skipReason))];
        }

        TestResult[] results = [];
        List<TestObservation> observations = [];
        var decision = await testCaseRun.RunAsync(
            async _ =>
            {
                var started = Stopwatch.GetTimestamp();
                results = await runOnce().ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                observations = [.. results.Select(r => Observe(r, testId, results.Length == 1 ? elapsed : r.Duration.TotalMilliseconds))];
                return observations;
            },
            static () => false).ConfigureAwait(false);
        for (var i = 0; i < results.Length && i < decision.Verdicts.Count; i++)
        {
            if (decision.Verdicts[i] is var verdict && verdict.TurnsFailureIntoSkip(observations[i].Outcome))
            {
                results[i] = Inconclusive(results[i], verdict.Reason ?? "skipped");
            }
        }

        return results;
    }

    private static TestObservation Observe(TestResult result, string testId, double durationMs)
    {
        var displayName = string.IsNullOrEmpty(result.DisplayName) ? testId : result.DisplayName;
        var exception = Unwrapped(result.TestFailureException);
        return result.Outcome switch
        {
            UnitTestOutcome.Passed => TestObservation.Passed(testId, displayName, durationMs),
#if MSTEST3
            UnitTestOutcome.Inconclusive or UnitTestOutcome.NotRunnable =>
#else
            UnitTestOutcome.Inconclusive or UnitTestOutcome.Ignored or UnitTestOutcome.NotRunnable =>
#endif
                TestObservation.Skipped(testId, displayName, durationMs, NullIfEmpty(exception?.Message)),
            _ => TestObservation.Failed(
                testId, displayName, durationMs, exception?.GetType().FullName, NullIfEmpty(exception?.Message), exception?.StackTrace),
        };
    }

    // MSTest reports a test body's exception wrapped in its own TestFailedException (the thrown one is its inner
    // exception); the observation carries the thrown exception, as under the other adapters.
    private static Exception? Unwrapped(Exception? exception)
    {
        while (exception is TargetInvocationException or AggregateException || exception?.GetType().Name == "TestFailedException")
        {
            if (exception.InnerException is not { } inner)
            {
                break;
            }

            exception = inner;
        }

        return exception;
    }

    // A new result: MSTest 4 joins an exception set on a result to the one it has (an AggregateException of both).
    private static TestResult Inconclusive(TestResult failed, string reason) => new()
    {
        Outcome = UnitTestOutcome.Inconclusive,
        TestFailureException = new AssertInconclusiveException(reason),
        DisplayName = failed.DisplayName,
        Duration = failed.Duration,
        LogOutput = failed.LogOutput,
        LogError = failed.LogError,
        DebugTrace = failed.DebugTrace,
        TestContextMessages = failed.TestContextMessages,
        ResultFiles = failed.ResultFiles,
        DatarowIndex = failed.DatarowIndex,
        ExecutionId = failed.ExecutionId,
        ParentExecId = failed.ParentExecId,
        InnerResultsCount = failed.InnerResultsCount,
        ReturnValue = failed.ReturnValue,
    };

    private static TestResult Result(UnitTestOutcome outcome, Exception exception) =>
        new() { Outcome = outcome, TestFailureException = exception };

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
#pragma warning restore MSTEST0057
