using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Annotations;
using Hologram.Testing.Perf;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram perf check</c>: the CI gate over the latest measurements: p95 budgets (by bounds) and the regression
/// gate against the baseline when there is one. Exit 1 on a confident breach, 0 otherwise.
/// </summary>
internal sealed class PerfCheckCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var baseline = PerfCommand.BaselineOption();
        var threshold = PerfCommand.ThresholdOption();
        var level = PerfCommand.LevelOption();
        var consecutive = new Option<int>("--consecutive")
        {
            Description = "alert rule: a budget breach fails only when this many consecutive runs in reports/perf/<name>.csv breached (default 1)",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("check", "Gate the latest measurements on their p95 budgets and the baseline; exit 1 on a confident breach.") { baseline, threshold, level, consecutive };
        command.SetAction(result => new PerfCheckCommand(context).Execute(result.GetValue(baseline), result.GetValue(threshold), result.GetValue(level), result.GetValue(consecutive)));
        return command;
    }

    public int Execute(string? baselinePath, double? threshold, double level, int consecutive)
    {
        if (!PerfCommand.ValidLevel(level))
        {
            return context.BadInput($"--level must be between 0 and 1 (exclusive), got {level.ToString(CultureInfo.InvariantCulture)}");
        }

        if (consecutive < 1)
        {
            return context.BadInput($"--consecutive must be at least 1, got {consecutive.ToString(CultureInfo.InvariantCulture)}");
        }

        if (PerfCommand.ThresholdProblem(threshold) is { } problem)
        {
            return context.BadInput(problem);
        }

        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var annotator = CiAnnotations.For(context, context.Out, options.RepositoryRoot);
        var records = PerfBaseline.LatestRecords(options.ReportsDir);
        if (records.Count == 0)
        {
            context.Out.WriteLine($"No perf measurements under {ReportsLayout.For(options).PerfDirectory}: nothing to check.");
            return ExitCodes.Ok;
        }

        var baseline = PerfCommand.LoadBaseline(
            context,
            baselinePath is null ? PerfBaseline.DefaultPath(options.ReportsDir) : Path.GetFullPath(baselinePath, context.CurrentDirectory),
            required: baselinePath is not null,
            out var error);
        if (error is not null)
        {
            return error.Value;
        }

        var history = consecutive > 1
            ? PerfHistorySource.LoadAsync(options, context.History, DateTimeOffset.UnixEpoch, null, CancellationToken.None).GetAwaiter().GetResult()
            : null;
        var pct = threshold ?? options.Perf.RegressionThresholdPct;
        var failed = false;
        var rows = new List<string[]> { new[] { "measurement", "profile", "n", "p95", $"{Perf.Budgets.PerfFormat.Level(level)} CI", "budget", "budget verdict", "vs baseline", "regression verdict" } };
        var messages = new List<string>();
        var annotations = new List<Annotation>();
        foreach (var record in records)
        {
            var (budgetCell, budgetVerdict) = Budget(options, record, consecutive, history, messages, annotations, ref failed);
            var regression = baseline is null ? null : RegressionGate.Compare(baseline.FindFor(record), record, pct, level);
            if (regression?.Verdict == PerfVerdict.Fail)
            {
                failed = true;
                messages.Add(regression.Message);
                var baselineFile = baselinePath is null ? PerfBaseline.DefaultPath(options.ReportsDir) : Path.GetFullPath(baselinePath, context.CurrentDirectory);
                annotations.Add(new(AnnotationLevel.Error, $"perf regression: {record.Name}", regression.Message, baselineFile, ConfigFileLine.Find(baselineFile, record.Name)));
            }

            rows.Add(
            [
                PerfCommand.Phase(record), record.Profile, record.N.ToString(CultureInfo.InvariantCulture), PerfCommand.Duration(record.P95),
                $"{PerfCommand.Duration(record.P95Lower)}–{PerfCommand.Duration(record.P95Upper)}", budgetCell, budgetVerdict,
                regression?.Baseline is null ? "-" : $"×{PerfCommand.Number(regression.Ratio)} ({PerfCommand.Number(regression.RatioLower)}–{PerfCommand.Number(regression.RatioUpper)})",
                regression is null ? "no baseline" : PerfCommand.Verdict(regression.Verdict),
            ]);
        }

        PerfCommand.WriteTable(context.Out, rows);
        foreach (var message in messages)
        {
            context.Out.WriteLine(message);
        }

        annotator?.WriteAll(annotations, "the perf check output in the job log");
        context.Out.WriteLine(failed ? "perf check: FAILED (confident breach)" : "perf check: ok (no confident breach)");
        return failed ? ExitCodes.GateFailed : ExitCodes.Ok;
    }

    private static (string Cell, string Verdict) Budget(
        HologramOptions options, PerfRecord record, int consecutive, PerfHistorySource? history, List<string> messages, List<Annotation> annotations, ref bool failed)
    {
        if (record.Phase != PerfPhase.Warm || !options.Budgets.TryGetValue(record.Name, out var budget) || budget.P95Ms <= 0)
        {
            return ("-", "-");
        }

        var verdict = record.P95Upper <= budget.P95Ms ? PerfVerdict.Pass : record.P95Lower > budget.P95Ms ? PerfVerdict.Fail : PerfVerdict.Inconclusive;
        var cell = PerfCommand.Duration(budget.P95Ms);
        var (file, line) = ConfigFileLine.Of(options, $"Budgets:{record.Name}:P95Ms");
        var measured = $"{record.Name} p95 = {PerfCommand.Duration(record.P95)} ({Perf.Budgets.PerfFormat.Level(record.Level)} CI {PerfCommand.Duration(record.P95Lower)}–{PerfCommand.Duration(record.P95Upper)})";
        if (verdict != PerfVerdict.Fail)
        {
            if (verdict == PerfVerdict.Inconclusive)
            {
                annotations.Add(new(AnnotationLevel.Notice, $"perf budget inconclusive: {record.Name}", $"{measured} straddles the budget {cell} [profile {record.Profile}, n={record.N}]", file, line));
            }

            return (cell, PerfCommand.Verdict(verdict));
        }

        var breaches = 1 + (history is not null ? PrecedingBreachingRuns(history.Entries, record, budget.P95Ms, consecutive - 1) : 0);
        if (breaches < consecutive)
        {
            annotations.Add(new(AnnotationLevel.Warning, $"perf budget breached: {record.Name} ({breaches} of {consecutive} runs)", $"{measured} > budget {cell} [profile {record.Profile}, n={record.N}]; fails after {consecutive} consecutive breaches", file, line));
            return (cell, $"breach {breaches} of {consecutive}");
        }

        failed = true;
        var message = $"{measured} > budget {cell} [profile {record.Profile}, n={record.N}]";
        messages.Add(message);
        annotations.Add(new(AnnotationLevel.Error, $"perf budget breached: {record.Name}", message, file, line));
        return (cell, "FAIL");
    }

    /// <summary>
    /// How many runs right before the latest one of <paramref name="record"/>'s measurement breached the budget (their
    /// last p95 of the same profile and phase over it), counting back until one did not, at most <paramref name="max"/>.
    /// </summary>
    internal static int PrecedingBreachingRuns(IReadOnlyList<History.PerfHistoryEntry> entries, PerfRecord record, double budgetMs, int max)
    {
        var file = ReportsLayout.PerfFileName(record.Name);
        var phase = PerfHistorySource.PhaseName(record.Phase);
        var measurement = entries
            .Where(e => string.Equals(e.Phase, phase, StringComparison.OrdinalIgnoreCase)
                && string.Equals(ReportsLayout.PerfFileName(e.Name), file, StringComparison.OrdinalIgnoreCase))
            .ToList();
        var current = measurement.Count > 0 ? measurement[^1].RunId : null;
        var lastPerRun = new List<History.PerfHistoryEntry>();
        foreach (var entry in measurement)
        {
            if (entry.RunId == current || !string.Equals(entry.Profile, record.Profile, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (lastPerRun.Count > 0 && lastPerRun[^1].RunId == entry.RunId)
            {
                lastPerRun[^1] = entry;
            }
            else
            {
                lastPerRun.Add(entry);
            }
        }

        var count = 0;
        for (var i = lastPerRun.Count - 1; i >= 0 && count < max; i--)
        {
            if (!(lastPerRun[i].P95Ms > budgetMs))
            {
                break;
            }

            count++;
        }

        return count;
    }
}
