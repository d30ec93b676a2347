using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Perf;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram perf baseline [--out file]</c>: writes the latest measurements as the baseline.</summary>
internal sealed class PerfBaselineCommand(CliContext context)
{
    private static readonly string[] Header = ["measurement", "profile", "n", "p50", "p95", "p95 CI", "environment"];

    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "where to write (default: <ReportsDir>/perf/baseline.json)" };
        var command = new Command("baseline", "Write reports/perf/baseline.json from the latest measurement of every name (estimates, bounds, samples, environment).") { output };
        command.SetAction(result => new PerfBaselineCommand(context).Execute(result.GetValue(output)));
        return command;
    }

    public int Execute(string? output)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var records = PerfBaseline.LatestRecords(options.ReportsDir);
        if (records.Count == 0)
        {
            return context.BadInput($"no perf measurements under {ReportsLayout.For(options).PerfSamplesDirectory}; run the perf tests first");
        }

        var commit = context.Environment.TryGetValue("HOLOGRAM_COMMIT", out var c) && !string.IsNullOrWhiteSpace(c) ? c
            : context.Environment.TryGetValue("GITHUB_SHA", out var g) && !string.IsNullOrWhiteSpace(g) ? g : null;
        var baseline = new PerfBaseline { Created = DateTimeOffset.UtcNow, Commit = commit, Measurements = records };
        var path = Path.GetFullPath(output ?? PerfBaseline.DefaultPath(options.ReportsDir), context.CurrentDirectory);
        baseline.Save(path);

        var rows = new List<string[]> { Header };
        rows.AddRange(records.Select(r => new[]
        {
            PerfCommand.Phase(r), r.Profile, r.N.ToString(CultureInfo.InvariantCulture), PerfCommand.Duration(r.P50), PerfCommand.Duration(r.P95),
            $"{PerfCommand.Duration(r.P95Lower)}–{PerfCommand.Duration(r.P95Upper)}", r.Environment.ToString(),
        }));
        PerfCommand.WriteTable(context.Out, rows);
        context.Out.WriteLine($"Wrote {records.Count} measurement(s) to {path}");
        return ExitCodes.Ok;
    }
}
