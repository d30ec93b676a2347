using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.History;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Commands;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// Runs one NUnit test through Hologram: a failed attempt is retried (<c>Retries</c> / <c>[Retry(n)]</c>) with a fresh
/// result, and only the last attempt's result reaches NUnit; every attempt is recorded; a <see cref="SkipException"/>
/// and a quarantined test's failure become NUnit <em>ignored</em> results with their reason.
/// </summary>
internal sealed class HologramTestCommand(TestCommand innerCommand, NUnitRun nunitRun) : DelegatingTestCommand(innerCommand)
{
    private static readonly string SkipExceptionPrefix = typeof(SkipException).FullName + " : ";
    private static readonly ConcurrentDictionary<MethodInfo, int?> RetryAttributes = new();

    public override TestResult Execute(TestExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var run = nunitRun.Start();
        var test = context.CurrentTest;
        if (run.StartupError is { } error)
        {
            context.CurrentResult.SetResult(ResultState.Error, $"Hologram: {error.Message}");
            return context.CurrentResult;
        }

        var testId = NUnitTestIds.For(test);
        var categories = NUnitCategories.Of(test, test.TypeInfo?.Assembly);
        var attempts = new TestAttempts(run.Session, RetriesFromAttribute(test));
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                context.CurrentResult = test.MakeTestResult();
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                context.CurrentResult = innerCommand.Execute(context);
            }
            catch (Exception e)
            {
                context.CurrentResult.RecordException(e);
            }

            var result = context.CurrentResult;
            var runTimeSkip = RunTimeSkipReason(result);
            var outcome = runTimeSkip is not null ? TestOutcome.Skipped : OutcomeOf(result.ResultState);
            var isFinal = attempts.IsFinal(attempt, outcome == TestOutcome.Failed, context.ExecutionStatus != TestExecutionStatus.Running);
            attempts.Record(new AttemptResult
            {
                TestId = testId,
                DisplayName = test.FullName,
                ClassName = test.ClassName ?? test.FullName,
                Categories = categories,
                Attempt = attempt,
                Outcome = outcome,
                DurationMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                IsFinal = isFinal,
                Message = runTimeSkip ?? (string.IsNullOrEmpty(result.Message) ? null : result.Message),
                StackTrace = outcome == TestOutcome.Failed ? result.StackTrace : null,
            });

            if (!isFinal)
            {
                continue;
            }

            if (runTimeSkip is not null)
            {
                result.SetResult(ResultState.Ignored, runTimeSkip);
            }
            else if (outcome == TestOutcome.Failed && attempts.QuarantineSkipReason(testId, result.Message) is { } reason)
            {
                result.SetResult(ResultState.Ignored, reason);
            }

            return result;
        }
    }

    private static string? RunTimeSkipReason(TestResult result) =>
        result.ResultState.Status == TestStatus.Failed && result.Message.StartsWith(SkipExceptionPrefix, StringComparison.Ordinal)
            ? result.Message[SkipExceptionPrefix.Length..].Trim()
            : null;

    private static TestOutcome OutcomeOf(ResultState state) => state.Status switch
    {
        TestStatus.Failed => TestOutcome.Failed,
        TestStatus.Skipped or TestStatus.Inconclusive => TestOutcome.Skipped,
        _ => TestOutcome.Passed,
    };

    private static int? RetriesFromAttribute(Test test) =>
        test.Method?.MethodInfo is not { } method
            ? null
            : RetryAttributes.GetOrAdd(method, static (m, type) =>
                (m.GetCustomAttribute<RetryAttribute>() ?? type?.GetCustomAttribute<RetryAttribute>())?.Retries,
                test.TypeInfo?.Type);
}
