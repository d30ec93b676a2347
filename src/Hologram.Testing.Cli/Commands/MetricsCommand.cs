using System.CommandLine;
using System.Text;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram metrics [--format prometheus|openmetrics] [--out file]</c>: the figures as Prometheus text.</summary>
internal sealed class MetricsCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "prometheus: text format 0.0.4 (node-exporter textfile collector, Pushgateway); openmetrics: OpenMetrics 1.0 with # EOF",
            DefaultValueFactory = _ => "prometheus",
        };
        format.AcceptOnlyFromAmong("prometheus", "openmetrics");
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file via a temporary name and a rename (what the textfile collector needs)" };
        var days = ReportSession.DaysOption();
        var command = new Command("metrics", "Export the latest run, flake, perf, chaos and E2E figures as Prometheus / OpenMetrics text.") { format, output, days };
        command.SetAction(result => new MetricsCommand(context).Execute(result.GetValue(format)!, result.GetValue(output), result.GetValue(days)));
        return command;
    }

    public int Execute(string format, string? output, int? days)
    {
        // Every run: the counters are totals over the whole store.
        var (data, _, error) = ReportSession.Load(context, int.MaxValue, days, "hologram metrics");
        if (error is { } code)
        {
            return code;
        }

        var text = MetricsExposition.Render(data!, openMetrics: format == "openmetrics");
        if (output is null)
        {
            context.Out.Write(text);
            return ReportSession.Finish(context, data!);
        }

        var path = Path.GetFullPath(output, context.CurrentDirectory);
        context.WriteFile(path, Encoding.UTF8.GetBytes(text));
        context.Out.WriteLine($"Metrics: {path} ({text.Count(c => c == '\n')} lines)");
        return ReportSession.Finish(context, data!);
    }
}
