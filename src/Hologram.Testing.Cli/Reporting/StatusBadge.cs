using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The status badge of the latest build: <c>passing</c>, <c>flaky</c> or <c>failing</c> with the pass rate, as shields.io
/// endpoint JSON, a self-drawn flat SVG, or markdown/HTML pointing at a shields.io image.
/// </summary>
internal sealed record StatusBadge(string Label, string Message, string Color, string Hex)
{
    /// <summary>Verdana 11 px advance widths (px) used to size the SVG; other characters count as <see cref="DefaultWidth"/>.</summary>
    private const double DefaultWidth = 7.0;

    /// <summary>The badge of the latest build of a history section: <c>unknown</c> when the store could not be read.</summary>
    public static StatusBadge For(HistorySection history, string label = "tests") =>
        history.Unreadable is not null ? For(BuildStatus.Unreadable, BuildStatuses.Name(BuildStatus.Unreadable), label) : For(history.Latest, label);

    public static StatusBadge For(BuildTotals? build, string label = "tests")
    {
        var status = BuildStatuses.Of(build);
        return For(status, build is null ? BuildStatuses.Name(status) : $"{BuildStatuses.Name(status)} {ReportText.Percent(build.PassRate)}", label);
    }

    private static StatusBadge For(BuildStatus status, string message, string label) =>
        status switch
        {
            BuildStatus.Passing => new StatusBadge(label, message, "brightgreen", "#2e9e44"),
            BuildStatus.Flaky => new StatusBadge(label, message, "yellow", "#b08800"),
            BuildStatus.Failing => new StatusBadge(label, message, "red", "#d73a49"),
            BuildStatus.Incomplete => new StatusBadge(label, message, "orange", "#e36209"),
            _ => new StatusBadge(label, message, "lightgrey", "#8c959f"),
        };

    /// <summary>The shields.io endpoint schema: <c>schemaVersion</c>, <c>label</c>, <c>message</c>, <c>color</c> (no other keys).</summary>
    public string Json()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", 1);
            w.WriteString("label", ReportText.Clean(Label));
            w.WriteString("message", ReportText.Clean(Message));
            w.WriteString("color", Color);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>A flat badge drawn here: two rounded halves, the label on grey, the message on the status colour.</summary>
    public string Svg()
    {
        var label = ReportText.Clean(Label);
        var message = ReportText.Clean(Message);
        var lw = Math.Round(TextWidth(label) + 12);
        var mw = Math.Round(TextWidth(message) + 12);
        var w = lw + mw;
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var e = (Func<string?, string>)ReportText.Html;
        var both = $"{label}: {message}";
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + N(w) + "\" height=\"20\" role=\"img\" aria-label=\"" + e(both) + "\">"
            + "<title>" + e(both) + "</title>"
            + "<linearGradient id=\"gloss\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\".12\"/><stop offset=\"1\" stop-opacity=\".12\"/></linearGradient>"
            + "<clipPath id=\"round\"><rect width=\"" + N(w) + "\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>"
            + "<g clip-path=\"url(#round)\"><rect width=\"" + N(lw) + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + N(lw) + "\" width=\"" + N(mw) + "\" height=\"20\" fill=\"" + Hex + "\"/>"
            + "<rect width=\"" + N(w) + "\" height=\"20\" fill=\"url(#gloss)\"/></g>"
            + "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\" font-size=\"11\">"
            + "<text x=\"" + N(lw / 2) + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + e(label) + "</text><text x=\"" + N(lw / 2) + "\" y=\"14\">" + e(label) + "</text>"
            + "<text x=\"" + N(lw + (mw / 2)) + "\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\">" + e(message) + "</text><text x=\"" + N(lw + (mw / 2)) + "\" y=\"14\">" + e(message) + "</text>"
            + "</g></svg>\n";
    }

    /// <summary>The image URL: shields.io reading <paramref name="endpoint"/> (the published JSON) when given, else a static shields.io badge.</summary>
    public string ImageUrl(string? endpoint) => endpoint is not null
        ? "https://img.shields.io/endpoint?url=" + Uri.EscapeDataString(endpoint)
        : $"https://img.shields.io/badge/{Segment(ReportText.Clean(Label))}-{Segment(ReportText.Clean(Message))}-{Color}";

    /// <summary>A markdown image, linked to <paramref name="link"/> when given.</summary>
    public string Markdown(string? endpoint, string? link)
    {
        var alt = ReportText.Markdown($"{Label}: {Message}").Replace("[", "(", StringComparison.Ordinal).Replace("]", ")", StringComparison.Ordinal);
        var image = $"![{alt}]({ImageUrl(endpoint)})";
        return (link is null ? image : $"[{image}]({ReportText.Clean(link).Replace(" ", "%20", StringComparison.Ordinal)})") + "\n";
    }

    /// <summary>An HTML image, linked to <paramref name="link"/> when given.</summary>
    public string Html(string? endpoint, string? link)
    {
        var image = $"<img alt=\"{ReportText.Html($"{Label}: {Message}")}\" src=\"{ReportText.Html(ImageUrl(endpoint))}\">";
        return (link is null ? image : $"<a href=\"{ReportText.Html(link)}\">{image}</a>") + "\n";
    }

    /// <summary>The approximate rendered width of <paramref name="text"/> in Verdana 11 px.</summary>
    public static double TextWidth(string text)
    {
        double width = 0;
        foreach (var c in text)
        {
            width += c switch
            {
                'i' or 'l' or 'j' or '.' or ',' or ':' or ';' or '!' or '|' or '\'' => 3.2,
                'f' or 't' or 'r' or 'I' or ' ' or '(' or ')' or '[' or ']' => 4.6,
                'm' or 'w' or 'M' or 'W' => 10.0,
                '%' => 11.5,
                >= 'A' and <= 'Z' => 7.6,
                >= '0' and <= '9' => 7.0,
                _ => DefaultWidth,
            };
        }

        return width;
    }

    /// <summary>A shields.io static-badge path segment: <c>-</c> doubled, <c>_</c> doubled, the rest URL-escaped.</summary>
    private static string Segment(string text) =>
        Uri.EscapeDataString(text.Replace("-", "--", StringComparison.Ordinal).Replace("_", "__", StringComparison.Ordinal));
}
