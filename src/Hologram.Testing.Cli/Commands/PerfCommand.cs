using System.CommandLine;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram perf baseline|compare|check|trends</c>: the perf baseline, gates and trends over the perf history.</summary>
internal static class PerfCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("perf", "Performance baselines and gates over reports/perf/ (written by Hologram.Testing.Perf measurements).");
        command.Subcommands.Add(PerfBaselineCommand.Create(context));
        command.Subcommands.Add(PerfCompareCommand.Create(context));
        command.Subcommands.Add(PerfCheckCommand.Create(context));
        command.Subcommands.Add(PerfTrendsCommand.Create(context));
        return command;
    }

    /// <summary>Options shared by the perf commands.</summary>
    internal static Option<string?> BaselineOption() => new("--baseline", "-b")
    {
        Description = "the baseline file (default: <ReportsDir>/perf/baseline.json)",
    };

    internal static Option<double?> ThresholdOption() => new("--threshold", "-t")
    {
        Description = "regression threshold in percent (default: Perf:RegressionThresholdPct / REGRESSION_THRESHOLD_PCT)",
    };

    internal static Option<double> LevelOption() => new("--level")
    {
        Description = "two-sided confidence level of the ratio intervals (default 0.99)",
        DefaultValueFactory = _ => 0.99,
    };

    /// <summary>Reads a baseline, turning a missing or malformed file into a one-line bad-input error.</summary>
    internal static PerfBaseline? LoadBaseline(CliContext context, string path, bool required, out int? exitCode)
    {
        exitCode = null;
        if (!File.Exists(path))
        {
            if (required)
            {
                exitCode = context.BadInput($"no perf baseline at {path}; write one with 'hologram perf baseline'");
            }

            return null;
        }

        try
        {
            return PerfBaseline.Load(path);
        }
        catch (InvalidDataException ex)
        {
            exitCode = context.BadInput(ex.Message);
            return null;
        }
    }

    internal static bool ValidLevel(double level) => level is > 0 and < 1;

    /// <summary>Null when <c>--threshold</c> is absent or a finite percentage above 0 (the rule of <c>Perf:RegressionThresholdPct</c>), else the error.</summary>
    internal static string? ThresholdProblem(double? threshold) =>
        threshold is not { } t || (double.IsFinite(t) && t > 0)
            ? null
            : $"--threshold must be a positive number of percent, got {t.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    internal static string Duration(double ms) =>
        double.IsPositiveInfinity(ms) ? "∞" : double.IsNegativeInfinity(ms) ? "-∞" : Perf.Budgets.PerfFormat.Duration(ms);

    internal static string Number(double value) => double.IsNaN(value) ? "-" : Perf.Budgets.PerfFormat.Number(value);

    internal static string Phase(PerfRecord record) => record.Phase == PerfPhase.Cold ? $"{record.Name} (cold)" : record.Name;

    /// <summary>Writes rows as a left-aligned text table.</summary>
    internal static void WriteTable(TextWriter writer, IReadOnlyList<string[]> rows)
    {
        var widths = new int[rows[0].Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], row[i].Length);
            }
        }

        foreach (var row in rows)
        {
            writer.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }
    }

    internal static string Verdict(PerfVerdict verdict) => verdict switch
    {
        PerfVerdict.Pass => "pass",
        PerfVerdict.Fail => "FAIL",
        _ => "inconclusive",
    };
}
