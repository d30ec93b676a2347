using System.Globalization;
using System.Net;
using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The one choke point every report writer (HTML, markdown, badge, metrics) sends its text values through: each value is
/// redacted by <see cref="SecretRedactor.Default"/> once, then escaped for the target format.
/// </summary>
internal static class ReportText
{
    /// <summary>The value with secrets replaced by <c>[REDACTED:kind]</c>.</summary>
    public static string Redact(string? value) => string.IsNullOrEmpty(value) ? string.Empty : SecretRedactor.Default.Redact(value);

    /// <summary>Redacted, then HTML-encoded (text content and attribute values).</summary>
    public static string Html(string? value) => WebUtility.HtmlEncode(Redact(value));

    /// <summary>Redacted, on one line, with markdown table and code characters neutralised (pipes, backticks, angle brackets).</summary>
    public static string Markdown(string? value, int maxLength = int.MaxValue)
    {
        var text = Shorten(OneLine(Redact(value)), maxLength);
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '|':
                    builder.Append("\\|");
                    break;
                case '`':
                    builder.Append('\'');
                    break;
                case '<':
                    builder.Append("&lt;");
                    break;
                case '>':
                    builder.Append("&gt;");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Redacted and escaped for a Prometheus/OpenMetrics label value (backslash, double quote, newline).</summary>
    public static string Label(string? value) =>
        Redact(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

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
