using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.E2E;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram e2e summary [--file path] [--run id] [--format text|markdown|json]</c>: per-step counts, p50/p95 and failures of the E2E event log.</summary>
internal sealed class E2ECommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var file = new Option<string?>("--file") { Description = "the event log; <ReportsDir>/e2e/events.jsonl by default" };
        var run = new Option<string?>("--run") { Description = "only this run id ('latest' for the run of the last event)" };
        var format = new Option<string>("--format", "-f") { Description = "text, markdown or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "markdown", "json");
        var summary = new Command("summary", "Per-step counts, p50/p95 durations and failures from the E2E event log; exit 1 when a step failed.") { file, run, format };
        summary.SetAction(result => new E2ECommand(context).Summary(result.GetValue(file), result.GetValue(run), result.GetValue(format)!));
        return new Command("e2e", "End-to-end step log.") { summary };
    }

    public int Summary(string? file, string? run, string format)
    {
        var path = file is null
            ? ReportsLayout.For(HologramConfiguration.Load(context.ConfigurationSource)).E2EEvents
            : Path.GetFullPath(file, context.CurrentDirectory);
        if (!File.Exists(path))
        {
            return context.BadInput($"no E2E event log at {path}");
        }

        var events = E2EEventLog.Read(path, out var malformed);
        if (events.Count == 0)
        {
            // An empty or unreadable log summarizes to nothing: never an empty pass.
            return context.BadInput(malformed > 0
                ? $"{path} holds no E2E events ({malformed} malformed lines)"
                : $"{path} holds no E2E events");
        }

        if (string.Equals(run, "latest", StringComparison.OrdinalIgnoreCase))
        {
            run = events.Count > 0 ? events[^1].RunId : null;
        }

        if (run is not null)
        {
            events = [.. events.Where(e => e.RunId == run)];
            if (events.Count == 0)
            {
                return context.BadInput($"no events of run '{run}' in {path}");
            }
        }

        var summary = E2ESummary.From(events);
        switch (format)
        {
            case "json":
                WriteJson(path, run, malformed, summary);
                break;
            case "markdown":
                WriteMarkdown(path, run, malformed, summary);
                break;
            default:
                WriteText(path, run, malformed, summary);
                break;
        }

        return summary.Failures.Count > 0 ? ExitCodes.GateFailed : ExitCodes.Ok;
    }

    private static string Ms(double? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "-";

    private void WriteText(string path, string? run, int malformed, E2ESummary summary)
    {
        var o = context.Out;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"E2E summary of {path}{(run is null ? string.Empty : $" (run {run})")}: {summary.Events} events, {summary.Runs} runs, {summary.Failures.Count} failed steps"));
        if (malformed > 0)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{malformed} malformed lines ignored"));
        }

        var width = Math.Max(4, summary.Steps.Select(s => s.Step.Length).DefaultIfEmpty(4).Max());
        o.WriteLine($"{"step".PadRight(width)}  {"total",6}  {"pass",6}  {"fail",6}  {"skip",6}  {"p50 ms",9}  {"p95 ms",9}");
        foreach (var s in summary.Steps)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Step.PadRight(width)}  {s.Total,6}  {s.Passed,6}  {s.Failed,6}  {s.Skipped,6}  {Ms(s.P50),9}  {Ms(s.P95),9}"));
        }

        if (summary.Failures.Count > 0)
        {
            o.WriteLine("failures:");
            foreach (var f in summary.Failures)
            {
                o.WriteLine($"  {f.Timestamp.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}  {f.Test} / {f.Step}: {Error(f)}");
            }
        }
    }

    private void WriteMarkdown(string path, string? run, int malformed, E2ESummary summary)
    {
        var o = context.Out;
        o.WriteLine("### E2E steps");
        o.WriteLine();
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{summary.Events} events, {summary.Runs} runs, {summary.Failures.Count} failed steps{(run is null ? string.Empty : $", run {ReportText.MarkdownCode(run, inTable: false)}")}{(malformed > 0 ? $", {malformed} malformed lines ignored" : string.Empty)} — {ReportText.MarkdownCode(Path.GetFileName(path), inTable: false)}"));
        o.WriteLine();
        o.WriteLine("| step | total | pass | fail | skip | p50 ms | p95 ms |");
        o.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var s in summary.Steps)
        {
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {ReportText.Markdown(s.Step)} | {s.Total} | {s.Passed} | {s.Failed} | {s.Skipped} | {Ms(s.P50)} | {Ms(s.P95)} |"));
        }

        if (summary.Failures.Count > 0)
        {
            o.WriteLine();
            o.WriteLine("**Failures**");
            o.WriteLine();
            foreach (var f in summary.Failures)
            {
                o.WriteLine($"- {ReportText.MarkdownCode(f.Test, inTable: false)} / {ReportText.MarkdownCode(f.Step, inTable: false)}: {ReportText.Markdown(Error(f))}");
            }
        }
    }

    private void WriteJson(string path, string? run, int malformed, E2ESummary summary)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("file", path);
            w.WriteString("run", run);
            w.WriteNumber("events", summary.Events);
            w.WriteNumber("runs", summary.Runs);
            w.WriteNumber("malformed_lines", malformed);
            w.WriteStartArray("steps");
            foreach (var s in summary.Steps)
            {
                w.WriteStartObject();
                w.WriteString("step", s.Step);
                w.WriteNumber("total", s.Total);
                w.WriteNumber("pass", s.Passed);
                w.WriteNumber("fail", s.Failed);
                w.WriteNumber("skip", s.Skipped);
                WriteNumberOrNull(w, "p50_ms", s.P50);
                WriteNumberOrNull(w, "p95_ms", s.P95);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("failures");
            foreach (var f in summary.Failures)
            {
                w.WriteStartObject();
                w.WriteString("ts", f.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                w.WriteString("run_id", f.RunId);
                w.WriteString("test", f.Test);
                w.WriteString("step", f.Step);
                w.WriteString("error", Error(f));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, Math.Round(v, 3));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static string Error(E2EEvent e) =>
        e.Data?["error"]?.ToString() is { Length: > 0 } error ? error : "(no error recorded)";
}
