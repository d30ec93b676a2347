using System.CommandLine;
using System.Text;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram report [--out file] [--runs N] [--days N]</c>: the self-contained HTML report, <c>reports/index.html</c> by default.</summary>
internal sealed class ReportCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "The HTML file to write (default <ReportsDir>/index.html)" };
        var runs = ReportSession.RunsOption();
        var days = ReportSession.DaysOption();
        var command = new Command("report", "Write the HTML report (one self-contained file: overview, trend, slowest, flaky, perf, chaos, E2E).") { output, runs, days };
        command.SetAction(result => new ReportCommand(context).Execute(result.GetValue(output), result.GetValue(runs), result.GetValue(days)));
        return command;
    }

    public int Execute(string? output, int runs, int? days)
    {
        var (data, options, error) = ReportSession.Load(context, runs, days, "hologram report");
        if (error is { } code)
        {
            return code;
        }

        var report = new ReportOptions { TrendRuns = runs, WindowDays = days };
        var html = HtmlReport.Render(data!, report);
        var path = output is null ? ReportsLayout.For(options!).IndexHtml : Path.GetFullPath(output, context.CurrentDirectory);
        var bytes = Encoding.UTF8.GetBytes(html);
        context.WriteFile(path, bytes);
        var missing = new[] { ("history", data!.History.Missing), ("perf", data.Perf.Missing), ("chaos", data.Chaos.Missing), ("E2E", data.E2E.Missing) }
            .Where(m => m.Item2 is not null).Select(m => m.Item1).ToList();
        context.Out.WriteLine($"Report: {path} ({ReportText.Count(bytes.Length / 1024)} KiB){(missing.Count == 0 ? string.Empty : $"; no {string.Join(", ", missing)} data (the sections say how to produce it)")}");
        return ReportSession.Finish(context, data!);
    }
}
