using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram perf trends [--branch b] [--days n] [--min-change pct]</c>: change points in each measurement's p95
/// history (E-divisive means, see docs/perf.md), each attributed to the first commit after it. Informational: exit 0.
/// </summary>
internal sealed class PerfTrendsCommand(CliContext context)
{
    /// <summary>The default window of <c>--days</c>.</summary>
    public const int DefaultDays = 30;

    private static readonly string[] Header = ["measurement", "profile", "env", "runs", "first p95", "latest p95", "change points"];

    public static Command Create(CliContext context)
    {
        var branch = BranchOption();
        var days = DaysOption(DefaultDays);
        var minChange = new Option<double>("--min-change")
        {
            Description = "the smallest shift reported, in percent of the level before it (default 5)",
            DefaultValueFactory = _ => new ChangePointOptions().MinChangePct,
        };
        var command = new Command("trends", "Find sustained shifts (change points) in each measurement's p95 history and the first commit after each.") { branch, days, minChange };
        command.SetAction(result => new PerfTrendsCommand(context).Execute(result.GetValue(branch), result.GetValue(days), result.GetValue(minChange)));
        return command;
    }

    internal static Option<string?> BranchOption() => new("--branch")
    {
        Description = "only measurements of this branch (default: every branch)",
    };

    internal static Option<int> DaysOption(int days) => new("--days")
    {
        Description = $"how many days of history to read (default {days})",
        DefaultValueFactory = _ => days,
    };

    /// <summary>Null when the shared options are valid, else the one-line problem.</summary>
    internal static string? Problem(string? branch, int days) =>
        days < 1 ? $"--days must be at least 1, got {days.ToString(CultureInfo.InvariantCulture)}"
        : branch is not null && string.IsNullOrWhiteSpace(branch) ? "--branch must name a branch, got an empty value"
        : null;

    public int Execute(string? branch, int days, double minChange)
    {
        if (Problem(branch, days) is { } problem)
        {
            return context.BadInput(problem);
        }

        if (!double.IsFinite(minChange) || minChange <= 0)
        {
            return context.BadInput($"--min-change must be a positive number of percent, got {minChange.ToString(CultureInfo.InvariantCulture)}");
        }

        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var since = context.Time.GetUtcNow().AddDays(-days);
        var history = PerfHistorySource.LoadAsync(options, context.History, since, branch, CancellationToken.None).GetAwaiter().GetResult();
        if (history.Problem is not null)
        {
            context.Error.WriteLine($"hologram: note: {history.Problem}; reading {history.Origin}");
        }

        var scope = $"last {days} day(s){(branch is null ? string.Empty : $", branch {branch}")}";
        if (history.Entries.Count == 0)
        {
            context.Out.WriteLine($"No perf measurements in {history.Origin} ({scope}): nothing to analyse.");
            return ExitCodes.Ok;
        }

        var series = PerfTrends.Analyse(history.Entries, new ChangePointOptions { MinChangePct = minChange });
        var shifts = series.Sum(s => s.Shifts.Count);
        context.Out.WriteLine($"Perf trends from {history.Origin} ({scope}): {series.Count} series, {shifts} change point(s).");
        var environments = series.Select(s => s.Environment).Distinct(StringComparer.Ordinal).ToList();
        var rows = new List<string[]> { Header };
        rows.AddRange(series.Select(s => new[]
        {
            s.Phase == "cold" ? $"{s.Name} (cold)" : s.Name, s.Profile, "#" + (environments.IndexOf(s.Environment) + 1).ToString(CultureInfo.InvariantCulture),
            s.Points.Count.ToString(CultureInfo.InvariantCulture), PerfFormatting.Ms(s.Points[0].P95Ms), PerfFormatting.Ms(s.Points[^1].P95Ms),
            s.Shifts.Count.ToString(CultureInfo.InvariantCulture),
        }));
        PerfCommand.WriteTable(context.Out, rows);
        for (var i = 0; i < environments.Count; i++)
        {
            context.Out.WriteLine($"env #{(i + 1).ToString(CultureInfo.InvariantCulture)}: {environments[i]}");
        }

        if (shifts > 0)
        {
            context.Out.WriteLine();
            context.Out.WriteLine("Change points (oldest first per series):");
            foreach (var s in series)
            {
                foreach (var shift in s.Shifts)
                {
                    context.Out.WriteLine("  " + shift.Describe($"{s.Label} env #{(environments.IndexOf(s.Environment) + 1).ToString(CultureInfo.InvariantCulture)}"));
                }
            }
        }

        var tooShort = series.Count(s => s.Points.Count < 2 * new ChangePointOptions().MinSegment);
        if (tooShort > 0)
        {
            context.Out.WriteLine($"{tooShort} series have fewer than {2 * new ChangePointOptions().MinSegment} runs: too few to find a change point.");
        }

        return ExitCodes.Ok;
    }
}
