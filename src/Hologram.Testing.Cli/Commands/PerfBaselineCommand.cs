using System.CommandLine;
using System.Globalization;
using System.Text;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.History;
using Hologram.Testing.Perf;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram perf baseline [--out file] [--if-stable [--branch b] [--days n] [--min-runs n] [--threshold pct] [--note file]]</c>:
/// writes the latest measurements as the baseline of this environment and profile (other environments' and profiles'
/// entries are kept). With <c>--if-stable</c> it first checks the recent history and refuses (exit 1, one line saying
/// why) on a regression above the threshold, a change point in the window or too few runs; when it rolls forward it
/// writes the PR note.
/// </summary>
internal sealed class PerfBaselineCommand(CliContext context)
{
    /// <summary>The default window of <c>--if-stable</c>.</summary>
    public const int DefaultDays = 14;

    /// <summary>The default fewest runs in the window: enough for a change point on either side (4 + 4).</summary>
    public const int DefaultMinRuns = 8;

    private static readonly string[] Header = ["measurement", "profile", "n", "p50", "p95", "p95 CI", "environment"];
    private static readonly string[] StableHeader = ["measurement", "profile", "runs", "baseline p95", "latest p95", "change", "stability"];

    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "where to write (default: <ReportsDir>/perf/baseline.json)" };
        var ifStable = new Option<bool>("--if-stable")
        {
            Description = "roll forward only when the recent history shows no regression above the threshold, no change point and enough runs; exit 1 (one line saying why) otherwise",
        };
        var branch = new Option<string>("--branch")
        {
            Description = "with --if-stable: the branch whose history is checked (default main)",
            DefaultValueFactory = _ => "main",
        };
        var days = PerfTrendsCommand.DaysOption(DefaultDays);
        days.Description = $"with --if-stable: how many days of history to check (default {DefaultDays})";
        var minRuns = new Option<int>("--min-runs")
        {
            Description = $"with --if-stable: the fewest runs of each measurement the window must hold (default {DefaultMinRuns})",
            DefaultValueFactory = _ => DefaultMinRuns,
        };
        var threshold = PerfCommand.ThresholdOption();
        var level = PerfCommand.LevelOption();
        var note = new Option<string?>("--note") { Description = "with --if-stable: write the PR note to this file instead of standard output" };
        var command = new Command("baseline", "Write reports/perf/baseline.json from the latest measurement of every name (estimates, bounds, samples, environment); --if-stable only when the history is stable.")
        {
            output, ifStable, branch, days, minRuns, threshold, level, note,
        };
        command.SetAction(result =>
        {
            var run = new PerfBaselineCommand(context);
            if (Problem(result.GetValue(branch)!, result.GetValue(days), result.GetValue(minRuns), result.GetValue(threshold), result.GetValue(level)) is { } problem)
            {
                return context.BadInput(problem);
            }

            if (result.GetValue(note) is { } notePath)
            {
                var target = Path.GetFullPath(notePath, context.CurrentDirectory);
                if (!result.GetValue(ifStable))
                {
                    return context.BadInput($"--note {target} needs --if-stable (the PR note is written when a stable baseline rolls forward)");
                }

                if (Directory.Exists(target))
                {
                    return context.BadInput($"--note {target} is a directory; give the note file's path");
                }
            }

            return result.GetValue(ifStable)
                ? run.ExecuteIfStable(result.GetValue(output), result.GetValue(branch)!, result.GetValue(days), result.GetValue(minRuns), result.GetValue(threshold), result.GetValue(level), result.GetValue(note))
                : run.Execute(result.GetValue(output));
        });
        return command;
    }

    public int Execute(string? output)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var records = PerfBaseline.LatestRecords(options.ReportsDir);
        if (records.Count == 0)
        {
            return NoMeasurements(options);
        }

        var path = OutputPath(options, output);
        var baseline = Existing(path).RollForward(records, context.Time.GetUtcNow(), Commit());
        baseline.Save(path);
        WriteTable(records);
        context.Out.WriteLine($"Wrote {records.Count} measurement(s) to {path}");
        return ExitCodes.Ok;
    }

    public int ExecuteIfStable(string? output, string branch, int days, int minRuns, double? threshold, double level, string? notePath)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var records = PerfBaseline.LatestRecords(options.ReportsDir);
        if (records.Count == 0)
        {
            return NoMeasurements(options);
        }

        var path = OutputPath(options, output);
        PerfBaseline? current;
        try
        {
            current = PerfBaseline.LoadOrNull(path);
        }
        catch (InvalidDataException ex)
        {
            return context.BadInput(ex.Message);
        }

        var now = context.Time.GetUtcNow();
        var history = PerfHistorySource.LoadAsync(options, context.History, now.AddDays(-days), branch, CancellationToken.None).GetAwaiter().GetResult();
        if (history.Problem is not null)
        {
            context.Error.WriteLine($"hologram: note: {history.Problem}; reading {history.Origin}");
        }

        var pct = threshold ?? options.Perf.RegressionThresholdPct;
        var checks = records.Select(r => Check(r, current?.FindFor(r), history, minRuns, pct, level)).ToList();
        var rows = new List<string[]> { StableHeader };
        rows.AddRange(checks.Select(c => new[]
        {
            PerfCommand.Phase(c.Record), c.Record.Profile, c.Runs.ToString(CultureInfo.InvariantCulture),
            c.Previous is null ? "-" : PerfCommand.Duration(c.Previous.P95), PerfCommand.Duration(c.Record.P95),
            c.Previous is null ? "new" : PerfFormatting.Signed((c.Record.P95 / c.Previous.P95 - 1) * 100), c.Refusal?.Short ?? "stable",
        }));
        PerfCommand.WriteTable(context.Out, rows);
        context.Out.WriteLine($"History: {history.Origin}, branch {branch}, last {days} day(s); threshold +{PerfCommand.Number(pct)}%, at least {minRuns} run(s).");

        var refused = checks.Where(c => c.Refusal is not null).OrderBy(c => c.Refusal!.Rank).ToList();
        if (refused.Count > 0)
        {
            var first = refused[0];
            var more = refused.Count > 1 ? $" (and {refused.Count - 1} more measurement(s) not stable)" : string.Empty;
            context.Error.WriteLine($"hologram: baseline not rolled forward: {first.Refusal!.Reason}: {first.Refusal.Detail}{more}");
            return ExitCodes.GateFailed;
        }

        var commit = Commit() ?? history.Entries.LastOrDefault(e => e.Commit is not null)?.Commit;
        var text = Note(checks, branch, days, pct, commit, current?.Commit);
        if (notePath is not null)
        {
            // The note first: a note that cannot be written leaves the baseline as it was.
            var target = Path.GetFullPath(notePath, context.CurrentDirectory);
            try
            {
                context.WriteFile(target, Encoding.UTF8.GetBytes(text));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return context.BadInput($"--note {target} cannot be written: {ex.Message}");
            }

            context.Out.WriteLine($"Wrote the PR note to {target}");
        }

        (current ?? new PerfBaseline()).RollForward(records, now, commit).Save(path);
        if (notePath is null)
        {
            context.Out.WriteLine();
            context.Out.Write(text);
        }

        context.Out.WriteLine($"Rolled the baseline forward: {records.Count} measurement(s) to {path}");
        return ExitCodes.Ok;
    }

    /// <summary>Null when the options are valid (checked with and without <c>--if-stable</c>), else the one-line problem.</summary>
    private static string? Problem(string branch, int days, int minRuns, double? threshold, double level) =>
        PerfTrendsCommand.Problem(branch, days)
        ?? PerfCommand.ThresholdProblem(threshold)
        ?? (minRuns < 1 ? $"--min-runs must be at least 1, got {minRuns.ToString(CultureInfo.InvariantCulture)}" : null)
        ?? (PerfCommand.ValidLevel(level) ? null : $"--level must be between 0 and 1 (exclusive), got {level.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Whether <paramref name="record"/>'s recent history allows rolling it forward, and if not, why.</summary>
    private static Stability Check(PerfRecord record, PerfRecord? previous, PerfHistorySource history, int minRuns, double pct, double level)
    {
        var phase = PerfHistorySource.PhaseName(record.Phase);
        var file = ReportsLayout.PerfFileName(record.Name);
        // CSV exports keep no environment: then every row of the measurement counts as this machine's.
        var points = PerfTrends.LastPerRun(history.Entries.Where(e =>
            string.Equals(e.Phase, phase, StringComparison.OrdinalIgnoreCase)
            && string.Equals(ReportsLayout.PerfFileName(e.Name), file, StringComparison.OrdinalIgnoreCase)
            && string.Equals(e.Profile, record.Profile, StringComparison.OrdinalIgnoreCase)
            && (!history.FromStore || string.Equals(e.Environment, record.Environment.Key, StringComparison.Ordinal))));
        var label = $"{PerfCommand.Phase(record)} [{record.Profile}]";

        if (previous is not null && RegressionGate.Compare(previous, record, pct, level) is { Verdict: PerfVerdict.Fail } regression)
        {
            return new(record, previous, points.Count, new Refusal(0, "regression above threshold", "regression", regression.Message));
        }

        var shifts = PerfTrends.Shifts(points, $"{record.Name}|{phase}|{record.Profile}|{record.Environment.Key}");
        if (shifts.Count > 0)
        {
            return new(record, previous, points.Count, new Refusal(1, "change point in window", "change point", shifts[^1].Describe(label)));
        }

        if (points.Count < minRuns)
        {
            return new(record, previous, points.Count, new Refusal(
                2, "too few runs", "too few runs", $"{label} has {points.Count} run(s) in the window, at least {minRuns} needed"));
        }

        return new(record, previous, points.Count, null);
    }

    /// <summary>The PR note: what moved, by how much, since which commit.</summary>
    private static string Note(IReadOnlyList<Stability> checks, string branch, int days, double pct, string? commit, string? previousCommit)
    {
        var text = new StringBuilder();
        var first = checks[0].Record;
        text.Append(CultureInfo.InvariantCulture, $"Perf baseline rolled forward on {branch}{(commit is null ? string.Empty : $" at {ReportText.Commit(commit)}")} (profile {first.Profile})\n\n");
        text.Append(CultureInfo.InvariantCulture, $"Environment: {first.Environment.Key}\n\n");
        text.Append("| Measurement | Previous p95 | New p95 | Change | Since commit |\n|---|---:|---:|---:|---|\n");
        foreach (var c in checks)
        {
            var since = c.Previous?.Commit ?? previousCommit;
            text.Append(CultureInfo.InvariantCulture,
                $"| {PerfCommand.Phase(c.Record)} | {(c.Previous is null ? "-" : PerfCommand.Duration(c.Previous.P95))} | {PerfCommand.Duration(c.Record.P95)} | "
                + $"{(c.Previous is null ? "new" : PerfFormatting.Signed((c.Record.P95 / c.Previous.P95 - 1) * 100))} | {(since is null ? "-" : ReportText.Commit(since))} |\n");
        }

        var runs = checks.Min(c => c.Runs);
        text.Append(CultureInfo.InvariantCulture,
            $"\nStable: at least {runs} run(s) of each measurement on {branch} in the last {days} day(s), no change point, no regression confidently above +{PerfCommand.Number(pct)}%.\n");
        return text.ToString();
    }

    private int NoMeasurements(HologramOptions options) =>
        context.BadInput($"no perf measurements under {ReportsLayout.For(options).PerfSamplesDirectory}; run the perf tests first");

    private string OutputPath(HologramOptions options, string? output) =>
        Path.GetFullPath(output ?? PerfBaseline.DefaultPath(options.ReportsDir), context.CurrentDirectory);

    /// <summary>The baseline the new entries are merged into; an unreadable one is replaced (with a note), as before.</summary>
    private PerfBaseline Existing(string path)
    {
        try
        {
            return PerfBaseline.LoadOrNull(path) ?? new PerfBaseline();
        }
        catch (InvalidDataException ex)
        {
            context.Error.WriteLine($"hologram: note: {ex.Message}; it is replaced");
            return new PerfBaseline();
        }
    }

    private string? Commit() =>
        context.Environment.TryGetValue("HOLOGRAM_COMMIT", out var c) && !string.IsNullOrWhiteSpace(c) ? c
        : context.Environment.TryGetValue("GITHUB_SHA", out var g) && !string.IsNullOrWhiteSpace(g) ? g : null;

    private void WriteTable(IReadOnlyList<PerfRecord> records)
    {
        var rows = new List<string[]> { Header };
        rows.AddRange(records.Select(r => new[]
        {
            PerfCommand.Phase(r), r.Profile, r.N.ToString(CultureInfo.InvariantCulture), PerfCommand.Duration(r.P50), PerfCommand.Duration(r.P95),
            $"{PerfCommand.Duration(r.P95Lower)}–{PerfCommand.Duration(r.P95Upper)}", r.Environment.ToString(),
        }));
        PerfCommand.WriteTable(context.Out, rows);
    }

    /// <summary>Why a measurement is not rolled forward: <paramref name="Rank"/> orders the reasons (regression first).</summary>
    private sealed record Refusal(int Rank, string Reason, string Short, string Detail);

    private sealed record Stability(PerfRecord Record, PerfRecord? Previous, int Runs, Refusal? Refusal);
}
