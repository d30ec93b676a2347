using System.Globalization;
using System.Text;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// Builds HTML (and inline SVG). Markup comes only from this code through <see cref="Raw"/>; every data value goes through
/// <see cref="Text(string?)"/> or an attribute, which redact and encode it (<see cref="ReportText.Html"/>).
/// </summary>
internal sealed class HtmlBuilder
{
    private readonly StringBuilder html = new(64 * 1024);

    /// <summary>Literal markup written by the report code itself, never data.</summary>
    public HtmlBuilder Raw(string markup)
    {
        html.Append(markup);
        return this;
    }

    /// <summary>A data value as text content.</summary>
    public HtmlBuilder Text(string? value)
    {
        html.Append(ReportText.Html(value));
        return this;
    }

    /// <summary>An element with text content: <c>&lt;tag class="…"&gt;text&lt;/tag&gt;</c>.</summary>
    public HtmlBuilder Element(string tag, string? text, string? cssClass = null, string? title = null)
    {
        Open(tag, cssClass, title);
        Text(text);
        return Raw("</").Raw(tag).Raw(">");
    }

    /// <summary>An opening tag with an optional class and hover title.</summary>
    public HtmlBuilder Open(string tag, string? cssClass = null, string? title = null)
    {
        html.Append('<').Append(tag);
        if (cssClass is not null)
        {
            Attribute("class", cssClass);
        }

        if (title is not null)
        {
            Attribute("title", title);
        }

        html.Append('>');
        return this;
    }

    /// <summary>An attribute (leading space included) whose value is redacted and encoded.</summary>
    public HtmlBuilder Attribute(string name, string? value)
    {
        html.Append(' ').Append(name).Append("=\"").Append(ReportText.Html(value)).Append('"');
        return this;
    }

    /// <summary>A numeric attribute.</summary>
    public HtmlBuilder Attribute(string name, double value)
    {
        html.Append(' ').Append(name).Append("=\"").Append(Coordinate(value)).Append('"');
        return this;
    }

    /// <summary>An SVG <c>&lt;title&gt;</c> (the hover text of the enclosing shape).</summary>
    public HtmlBuilder SvgTitle(string text) => Raw("<title>").Text(text).Raw("</title>");

    /// <summary>A table cell.</summary>
    public HtmlBuilder Cell(string? text, string? cssClass = null, string? title = null) => Element("td", text, cssClass, title);

    /// <summary>A coordinate with at most one decimal, invariant.</summary>
    public static string Coordinate(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>The length written so far, in characters.</summary>
    public int Length => html.Length;

    /// <inheritdoc/>
    public override string ToString() => html.ToString();
}
