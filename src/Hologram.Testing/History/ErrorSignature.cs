using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Hologram.Testing.History;

/// <summary>
/// A stable short signature of a failure, equal for the "same" failure across runs and machines: exception type, the
/// message with volatile parts (numbers, GUIDs, addresses, hashes, paths, URLs, ports, temp names) replaced by
/// placeholders, and the top three stack frames without file paths and line numbers (frames of the runtime's invocation
/// machinery and of the test frameworks left out, so the same failure has the same signature under every framework).
/// </summary>
public static partial class ErrorSignature
{
    private const int FramesUsed = 3;

    /// <summary>12 lower-case hex characters of the SHA-256 of the normalised failure.</summary>
    /// <param name="exceptionType">The exception's full type name, if known.</param>
    /// <param name="message">The exception message.</param>
    /// <param name="stackTrace">The stack trace text.</param>
    /// <returns>The signature, e.g. <c>3f9a0c1b2d4e</c>.</returns>
    public static string Compute(string? exceptionType, string? message, string? stackTrace)
    {
        var text = new StringBuilder();
        text.Append(exceptionType?.Trim()).Append('\n').Append(Normalize(message)).Append('\n');
        foreach (var frame in TopFrames(stackTrace))
        {
            text.Append(frame).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash)[..12];
    }

    /// <summary>The message with volatile parts replaced by placeholders and whitespace collapsed.</summary>
    /// <param name="message">The message.</param>
    /// <returns>E.g. <c>Timeout after &lt;n&gt; ms connecting to &lt;url&gt;</c>.</returns>
    public static string Normalize(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
        {
            return string.Empty;
        }

        var text = Url().Replace(message, "<url>");
        text = Guid().Replace(text, "<guid>");
        text = WindowsPath().Replace(text, "<path>");
        text = UnixPath().Replace(text, "<path>");
        text = TempName().Replace(text, "<tmp>");
        text = HostPort().Replace(text, "$1:<port>");
        text = HexAddress().Replace(text, "<hex>");
        text = HexHash().Replace(text, "<hex>");
        text = Number().Replace(text, "<n>");
        return Whitespace().Replace(text, " ").Trim();
    }

    internal static IEnumerable<string> TopFrames(string? stackTrace)
    {
        if (string.IsNullOrWhiteSpace(stackTrace))
        {
            yield break;
        }

        var taken = 0;
        foreach (var raw in stackTrace.Split('\n'))
        {
            var line = raw.Trim();
            if (!line.StartsWith("at ", StringComparison.Ordinal))
            {
                continue;
            }

            if (IsPlumbing(line))
            {
                continue;
            }

            line = FrameLocation().Replace(line, string.Empty);
            line = GeneratedNumber().Replace(line, "$1");
            yield return line.Trim();
            if (++taken == FramesUsed)
            {
                yield break;
            }
        }
    }

    // Frames of the runtime's invocation machinery and of the test frameworks: they differ between frameworks (and
    // versions) for the same failure, so they are not part of its signature.
    private static bool IsPlumbing(string frame)
    {
        foreach (var prefix in PlumbingPrefixes)
        {
            if (frame.AsSpan(3).StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] PlumbingPrefixes =
    [
        "System.Reflection.", "System.RuntimeMethodHandle.", "System.Runtime.CompilerServices.", "System.Runtime.ExceptionServices.",
        "System.Threading.ExecutionContext.", "System.Threading.Tasks.", "Xunit.", "NUnit.", "Hologram.Testing.Xunit.",
        "Hologram.Testing.XunitV3.", "Hologram.Testing.NUnit.",
        "TUnit.", "Hologram.Testing.TUnit.",
        // The runtime's emitted reflection stub (from a method's second reflected call on): a retried attempt's frames.
        "InvokeStub_",
    ];

    [GeneratedRegex(@"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s'""<>)\]]+")]
    private static partial Regex Url();

    [GeneratedRegex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b|\b[0-9a-fA-F]{32}\b")]
    private static partial Regex Guid();

    [GeneratedRegex(@"\b[a-zA-Z]:\\[^\s'""<>|]*")]
    private static partial Regex WindowsPath();

    [GeneratedRegex(@"(?<![\w.:/])(?:~|\.{1,2})?/(?:[^\s/'""<>:]+/)*[^\s/'""<>:]*[^\s/'""<>:.,;)]")]
    private static partial Regex UnixPath();

    [GeneratedRegex(@"(?i)\btmp[0-9a-z]{2,}(?:\.tmp)?\b")]
    private static partial Regex TempName();

    [GeneratedRegex(@"\b(localhost|\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|[a-zA-Z][\w\-]*(?:\.[\w\-]+)+):\d{1,5}\b")]
    private static partial Regex HostPort();

    [GeneratedRegex(@"\b0x[0-9a-fA-F]+\b")]
    private static partial Regex HexAddress();

    [GeneratedRegex(@"\b(?=[0-9a-fA-F]*\d)(?=[0-9a-fA-F]*[a-fA-F])[0-9a-fA-F]{8,}\b")]
    private static partial Regex HexHash();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s+in\s+.*?(?::line\s+\d+)?$|:line\s+\d+$")]
    private static partial Regex FrameLocation();

    [GeneratedRegex(@"(__|_)\d+(?=\W|$)")]
    private static partial Regex GeneratedNumber();
}
