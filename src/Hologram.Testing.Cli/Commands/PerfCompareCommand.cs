using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram perf compare [--baseline file] [--candidate file]</c>: p95 ratios against the baseline, exit 1 on a confident regression.</summary>
internal sealed class PerfCompareCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var baseline = PerfCommand.BaselineOption();
        var candidate = new Option<string?>("--candidate", "-c") { Description = "a baseline file to compare instead of the latest measurements" };
        var threshold = PerfCommand.ThresholdOption();
        var level = PerfCommand.LevelOption();
        var command = new Command("compare", "Compare the latest measurements (or --candidate) with the baseline; exit 1 on a confident regression.") { baseline, candidate, threshold, level };
        command.SetAction(result => new PerfCompareCommand(context).Execute(result.GetValue(baseline), result.GetValue(candidate), result.GetValue(threshold), result.GetValue(level)));
        return command;
    }

    public int Execute(string? baselinePath, string? candidatePath, double? threshold, double level)
    {
        if (!PerfCommand.ValidLevel(level))
        {
            return context.BadInput($"--level must be between 0 and 1 (exclusive), got {level.ToString(CultureInfo.InvariantCulture)}");
        }

        if (PerfCommand.ThresholdProblem(threshold) is { } problem)
        {
            return context.BadInput(problem);
        }

        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var baseline = PerfCommand.LoadBaseline(context, Resolve(baselinePath) ?? PerfBaseline.DefaultPath(options.ReportsDir), required: true, out var error);
        if (baseline is null)
        {
            return error ?? ExitCodes.BadInput;
        }

        IReadOnlyList<PerfRecord> candidates;
        if (candidatePath is not null)
        {
            var file = PerfCommand.LoadBaseline(context, Resolve(candidatePath)!, required: true, out error);
            if (file is null)
            {
                return error ?? ExitCodes.BadInput;
            }

            candidates = file.Measurements;
        }
        else
        {
            candidates = PerfBaseline.LatestRecords(options.ReportsDir);
        }

        if (candidates.Count == 0)
        {
            return context.BadInput("no candidate measurements to compare; run the perf tests first or pass --candidate");
        }

        var pct = threshold ?? options.Perf.RegressionThresholdPct;
        var checks = candidates.Select(c => RegressionGate.Compare(baseline.FindFor(c), c, pct, level)).ToList();
        Write(context.Out, checks, level);
        return checks.Any(c => c.Verdict == PerfVerdict.Fail) ? ExitCodes.GateFailed : ExitCodes.Ok;
    }

    internal static void Write(TextWriter writer, IReadOnlyList<RegressionCheck> checks, double level)
    {
        var rows = new List<string[]> { new[] { "measurement", "n", "baseline p95", "p95", "ratio", $"{Perf.Budgets.PerfFormat.Level(level)} CI", "verdict" } };
        rows.AddRange(checks.Select(c => new[]
        {
            PerfCommand.Phase(c.Candidate),
            c.Baseline is null ? c.Candidate.N.ToString(CultureInfo.InvariantCulture) : $"{c.Candidate.N} vs {c.Baseline.N}",
            c.Baseline is null ? "-" : PerfCommand.Duration(c.Baseline.P95),
            PerfCommand.Duration(c.Candidate.P95),
            PerfCommand.Number(c.Ratio),
            double.IsNaN(c.RatioLower) ? "-" : $"{PerfCommand.Number(c.RatioLower)}–{PerfCommand.Number(c.RatioUpper)}",
            PerfCommand.Verdict(c.Verdict),
        }));
        PerfCommand.WriteTable(writer, rows);
        foreach (var check in checks.Where(c => c.Verdict == PerfVerdict.Fail || c.EnvironmentDifferences.Count > 0))
        {
            writer.WriteLine(check.Message);
        }
    }

    private string? Resolve(string? path) => path is null ? null : Path.GetFullPath(path, context.CurrentDirectory);
}
