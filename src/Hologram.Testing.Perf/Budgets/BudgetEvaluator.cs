using Hologram.Testing.Perf.Records;

namespace Hologram.Testing.Perf.Budgets;

/// <summary>The three-valued budget verdict, the one re-measurement, the consecutive-runs rule and what an assertion does with the outcome.</summary>
public static class BudgetEvaluator
{
    /// <summary>Pass when the upper bound is within the limit, fail when the lower bound is over it, else inconclusive.</summary>
    /// <param name="lower">The p95's lower confidence bound.</param>
    /// <param name="upper">The p95's upper confidence bound.</param>
    /// <param name="limit">The budget.</param>
    public static PerfVerdict Verdict(double lower, double upper, double limit) =>
        upper <= limit ? PerfVerdict.Pass : lower > limit ? PerfVerdict.Fail : PerfVerdict.Inconclusive;

    internal static double ConfiguredBudget(PerfResult result)
    {
        var configuration = result.Configuration;
        if (configuration.Budgets.TryGetValue(result.Name, out var budget) && budget.P95Ms > 0)
        {
            return budget.P95Ms;
        }

        throw new InvalidOperationException(
            $"No p95 budget named '{result.Name}' in profile '{configuration.Profile}': set Budgets:{result.Name}:P95Ms in hologram.json or SLO_{result.Name.ToUpperInvariant()}_P95_MS, or pass the budget to AssertWithinBudget.");
    }

    internal static BudgetCheck Check(PerfResult result, double budgetMs, bool rerun)
    {
        ValidateBudget(budgetMs);
        if (rerun && IsSequential(result))
        {
            // As for a re-measurement: an asynchronous operation is continued on the thread pool.
            var (judged, looks) = result.Context!.Asynchronous
                ? Task.Run(() => SequentialBudget.RunAsync(result, budgetMs, CancellationToken.None).AsTask()).GetAwaiter().GetResult()
                : SequentialBudget.RunAsync(result, budgetMs, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            return Finish(judged, budgetMs, remeasured: looks > 1, looks);
        }

        if (rerun && NeedsRerun(result, budgetMs, out var remeasure))
        {
            // A synchronous operation re-measures on this thread; an asynchronous one runs on the thread pool, away from
            // any synchronization context its continuations could otherwise need while this thread waits.
            var samples = result.Context!.RerunSamples;
            var second = result.Context.Asynchronous
                ? Task.Run(() => remeasure(samples, CancellationToken.None)).GetAwaiter().GetResult()
                : remeasure(samples, CancellationToken.None).GetAwaiter().GetResult();
            return Finish(second, budgetMs, remeasured: true);
        }

        return Finish(result, budgetMs, remeasured: false);
    }

    internal static async Task<BudgetCheck> CheckAsync(PerfResult result, double budgetMs, bool rerun, CancellationToken cancellationToken)
    {
        ValidateBudget(budgetMs);
        if (rerun && IsSequential(result))
        {
            var (judged, looks) = await SequentialBudget.RunAsync(result, budgetMs, cancellationToken).ConfigureAwait(false);
            return Finish(judged, budgetMs, remeasured: looks > 1, looks);
        }

        if (rerun && NeedsRerun(result, budgetMs, out var remeasure))
        {
            var second = await remeasure(result.Context!.RerunSamples, cancellationToken).ConfigureAwait(false);
            return Finish(second, budgetMs, remeasured: true);
        }

        return Finish(result, budgetMs, remeasured: false);
    }

    /// <summary>Applies a check: returns on a pass, throws on a failure, and handles the rest as <see cref="PerfOptions.Inconclusive"/> says.</summary>
    internal static BudgetCheck Enforce(BudgetCheck check, PerfOptions options)
    {
        if (check.Verdict == PerfVerdict.Pass)
        {
            return check;
        }

        if (check.IsFailure)
        {
            throw new PerfBudgetExceededException(check.Message) { Check = check };
        }

        // A breach that has not yet met the consecutive-runs rule never fails; a plain inconclusive follows the option.
        var outcome = check.Verdict == PerfVerdict.Fail && options.Inconclusive == InconclusiveOutcome.Fail
            ? InconclusiveOutcome.Skip
            : options.Inconclusive;
        return outcome switch
        {
            InconclusiveOutcome.Pass => check,
            InconclusiveOutcome.Fail => throw new PerfBudgetExceededException(check.Message) { Check = check },
            _ => throw new SkipException(check.Message),
        };
    }

    private static string Looks(int looks) =>
        looks == 1 ? ", sequential: 1 look" : $", sequential: {looks.ToString(System.Globalization.CultureInfo.InvariantCulture)} looks";

    private static void ValidateBudget(double budgetMs)
    {
        if (!(budgetMs > 0) || double.IsInfinity(budgetMs))
        {
            throw new ArgumentOutOfRangeException(nameof(budgetMs), budgetMs, "A p95 budget must be a positive, finite duration.");
        }
    }

    /// <summary>Whether the check samples sequentially: a time budget is set and the operation can be sampled further.</summary>
    private static bool IsSequential(PerfResult result) =>
        result.Context is { TimeBudget: not null, Extend: not null, First: not null };

    private static bool NeedsRerun(PerfResult result, double budgetMs, out Func<int, CancellationToken, Task<PerfResult>> remeasure)
    {
        remeasure = result.Context?.Remeasure!;
        return remeasure is not null
            && Verdict(result.P95Lower, result.P95Upper, budgetMs) == PerfVerdict.Inconclusive;
    }

    private static BudgetCheck Finish(PerfResult result, double budgetMs, bool remeasured, int looks = 0)
    {
        var verdict = Verdict(result.P95Lower, result.P95Upper, budgetMs);
        var required = Math.Max(1, result.Options.FailAfterConsecutiveBreaches);
        var breached = verdict == PerfVerdict.Fail || result.P95 > budgetMs;
        var consecutive = 0;
        if (breached)
        {
            consecutive = 1;
            if (required > 1 && verdict == PerfVerdict.Fail)
            {
                consecutive += PerfHistory.PrecedingBreachingRuns(
                    result.Configuration.ReportsDir, result.Name, result.Profile, result.Phase, budgetMs, result.Context?.RunId, required - 1);
            }
        }

        var head = PerfFormat.P95(result, result.P95);
        var budget = PerfFormat.Duration(budgetMs);
        var label = PerfFormat.Label(result, looks > 0 ? Looks(looks) : remeasured ? ", re-measured" : string.Empty);
        var message = verdict switch
        {
            PerfVerdict.Pass => $"{head} ≤ budget {budget} {label}",
            PerfVerdict.Fail when consecutive >= required => $"{head} > budget {budget} {label}"
                + (required > 1 ? $", {consecutive} consecutive breaching runs" : string.Empty),
            PerfVerdict.Fail => $"{head} > budget {budget} {label}; breach {consecutive} of {required} consecutive runs needed to fail",
            _ => $"{head} straddles budget {budget} {label}: inconclusive",
        };
        return new BudgetCheck(result.Name, verdict, budgetMs, result, remeasured, consecutive, required, message) { Looks = looks };
    }
}
