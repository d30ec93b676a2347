using System.Globalization;
using System.Net;
using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The one choke point every writer of the tool sends its text values through: each value is redacted by
/// <see cref="SecretRedactor.Default"/> once, its hidden characters (controls such as NUL and ESC, bidirectional
/// overrides such as U+202E) are shown visibly as <c>\u001b</c>, then it is escaped for the target format (HTML,
/// markdown text, markdown code span, metric label). Terminal output goes through <see cref="VisibleTextWriter"/>,
/// which applies the same <see cref="Visible"/> rule to everything a command prints.
/// </summary>
internal static class ReportText
{
    /// <summary>The value redacted and with its hidden characters made visible: what every writer starts from.</summary>
    public static string Clean(string? value) => string.IsNullOrEmpty(value) ? string.Empty : Visible(SecretRedactor.Default.Redact(value));

    /// <summary>
    /// True for a character that must never reach output raw: C0 controls other than tab and line feed, DEL, C1
    /// controls, the bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
    /// U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029).
    /// </summary>
    public static bool IsHidden(char c) =>
        (c < ' ' && c is not ('\n' or '\t')) || c is >= '\u007f' and <= '\u009f'
        || c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029';

    /// <summary>How a hidden character is shown: <c>\u</c> and four lower-case hex digits, e.g. <c>\u001b</c>.</summary>
    public static string Escape(char c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture);

    /// <summary>The value with every <see cref="IsHidden"/> character shown as <see cref="Escape"/> (a CR before LF is kept).</summary>
    public static string Visible(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var i = 0;
        while (i < value.Length && !IsHidden(value[i]))
        {
            i++;
        }

        if (i == value.Length)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16).Append(value, 0, i);
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (!IsHidden(c) || (c == '\r' && i + 1 < value.Length && value[i + 1] == '\n'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(Escape(c));
            }
        }

        return builder.ToString();
    }

    /// <summary>Cleaned, then HTML-encoded (text content and attribute values).</summary>
    public static string Html(string? value) => WebUtility.HtmlEncode(Clean(value));

    /// <summary>
    /// Cleaned, on one line, escaped as markdown text: the characters markdown gives a meaning to (<c>\ ` * _ [ ] | ~ # !</c>)
    /// are backslash-escaped (so <c>|</c> never splits a table cell) and <c>&amp; &lt; &gt;</c> become entities (so no HTML
    /// is rendered, and a literal <c>&amp;lt;</c> stays literal).
    /// </summary>
    public static string Markdown(string? value, int maxLength = int.MaxValue)
    {
        var text = Shorten(OneLine(Clean(value)), maxLength);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~' or '#' or '!':
                    builder.Append('\\').Append(c);
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                case '&':
                    builder.Append("&amp;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Cleaned, on one line, as a markdown code span: fenced with one backtick more than the longest run inside (padded
    /// with a space when it starts or ends with a backtick or a space), nothing entity-encoded (a code span shows
    /// <c>&amp;lt;</c> literally). In a table cell (<paramref name="inTable"/>) a pipe is written <c>\|</c>, which GitHub's
    /// table parser turns back into <c>|</c>; elsewhere it stays as it is. An empty value is <c>-</c>.
    /// </summary>
    public static string MarkdownCode(string? value, bool inTable, int maxLength = int.MaxValue)
    {
        var text = Shorten(OneLine(Clean(value)), maxLength);
        if (text.Length == 0)
        {
            return "-";
        }

        if (inTable)
        {
            text = text.Replace("|", "\\|", StringComparison.Ordinal);
        }

        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = text[0] is '`' or ' ' || text[^1] is '`' or ' ' ? " " : string.Empty;
        return fence + pad + text + pad + fence;
    }

    /// <summary>Cleaned and escaped for a Prometheus/OpenMetrics label value (backslash, double quote, newline).</summary>
    public static string Label(string? value) =>
        Clean(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>Whitespace runs (newlines included) collapsed to one space.</summary>
    public static string OneLine(string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>At most <paramref name="maxLength"/> characters, ending in an ellipsis when cut.</summary>
    public static string Shorten(string value, int maxLength) =>
        value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, Math.Max(0, maxLength - 1)), "…");

    /// <summary>A number with invariant formatting.</summary>
    public static string Number(double value, string format = "0.##") =>
        double.IsPositiveInfinity(value) ? "∞" : double.IsNegativeInfinity(value) ? "−∞" : double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators, e.g. <c>10,000</c>.</summary>
    public static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A rate 0..1 as a percentage, e.g. <c>99.5%</c>.</summary>
    public static string Percent(double rate) => (rate * 100).ToString(rate is > 0.999 and < 1 ? "0.00" : "0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>Milliseconds as a short duration: <c>850 ms</c>, <c>12.4 s</c>, <c>3 min 05 s</c>, <c>2 h 10 min</c>.</summary>
    public static string Duration(double milliseconds)
    {
        var c = CultureInfo.InvariantCulture;
        if (double.IsNaN(milliseconds) || milliseconds < 0)
        {
            return "-";
        }

        if (milliseconds < 1000)
        {
            return milliseconds.ToString(milliseconds < 10 ? "0.##" : "0", c) + " ms";
        }

        var t = TimeSpan.FromMilliseconds(milliseconds);
        return t.TotalSeconds < 60 ? t.TotalSeconds.ToString("0.#", c) + " s"
            : t.TotalMinutes < 60 ? string.Create(c, $"{(int)t.TotalMinutes} min {t.Seconds:00} s")
            : string.Create(c, $"{(int)t.TotalHours} h {t.Minutes:00} min");
    }

    /// <summary>A UTC time as <c>yyyy-MM-dd HH:mm</c>.</summary>
    public static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A UTC time as <c>MM-dd HH:mm</c> (axis labels).</summary>
    public static string ShortTime(DateTimeOffset value) => value.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The first 7 characters of a commit, or <c>-</c>.</summary>
    public static string Commit(string? commit) => string.IsNullOrEmpty(commit) ? "-" : commit.Length > 7 ? commit[..7] : commit;
}
