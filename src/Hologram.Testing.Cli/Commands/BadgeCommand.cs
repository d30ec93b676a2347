using System.CommandLine;
using System.Text;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram badge markdown|html|json|svg</c>: the status badge of the latest build.</summary>
internal sealed class BadgeCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var format = new Argument<string>("format") { Description = "markdown, html, json (shields.io endpoint) or svg (a flat badge drawn here)" };
        format.AcceptOnlyFromAmong("markdown", "html", "json", "svg");
        var output = new Option<string?>("--out", "-o") { Description = "Write to this file (atomically) instead of standard output" };
        var label = new Option<string>("--label") { Description = "The left-hand text (default: tests)", DefaultValueFactory = _ => "tests" };
        var endpoint = new Option<string?>("--endpoint") { Description = "markdown/html: the public URL of the published badge JSON; the image is then shields.io reading it" };
        var link = new Option<string?>("--link") { Description = "markdown/html: where the badge links to (e.g. the published report)" };
        var command = new Command("badge", "Status badge of the latest build: passing, flaky or failing with the pass rate.") { format, output, label, endpoint, link };
        command.SetAction(result => new BadgeCommand(context).Execute(
            result.GetValue(format)!, result.GetValue(output), result.GetValue(label)!, result.GetValue(endpoint), result.GetValue(link)));
        return command;
    }

    public int Execute(string format, string? output, string label, string? endpoint, string? link)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return context.BadInput("--label must not be empty");
        }

        foreach (var (name, value) in new[] { ("--endpoint", endpoint), ("--link", link) })
        {
            if (value is not null && !(Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            {
                return context.BadInput($"{name} must be an http(s) URL, got '{value}'");
            }
        }

        var (data, _, error) = ReportSession.Load(context, 100, null, "hologram badge");
        if (error is { } code)
        {
            return code;
        }

        var badge = StatusBadge.For(data!.History, label.Trim());
        var text = format switch
        {
            "json" => badge.Json(),
            "svg" => badge.Svg(),
            "html" => badge.Html(endpoint, link),
            _ => badge.Markdown(endpoint, link),
        };
        if (output is null)
        {
            context.Out.Write(text);
            return ReportSession.Finish(context, data!);
        }

        var path = Path.GetFullPath(output, context.CurrentDirectory);
        context.WriteFile(path, Encoding.UTF8.GetBytes(text));
        context.Out.WriteLine($"Badge ({badge.Message}): {path}");
        return ReportSession.Finish(context, data!);
    }
}
