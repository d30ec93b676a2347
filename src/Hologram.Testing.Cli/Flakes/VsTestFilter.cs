using System.Text;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>Builds <c>dotnet test --filter</c> expressions (VSTest filter syntax) that select exact tests.</summary>
internal static class VsTestFilter
{
    /// <summary>Characters with a meaning in a filter expression; a literal one is escaped with a backslash.</summary>
    private const string Special = "\\()|&=!~";

    /// <summary>
    /// <c>FullyQualifiedName=A|FullyQualifiedName=B…</c> for the given test ids. A data row id <c>Ns.C.M(x: 1)</c> selects its
    /// method <c>Ns.C.M</c>: the runner's fully qualified name of a theory row has no arguments, so every row of that method re-runs.
    /// </summary>
    public static string ForTests(IEnumerable<string> testIds)
    {
        var names = testIds.Select(MethodOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return string.Join('|', names.Select(n => "FullyQualifiedName=" + Escape(n)));
    }

    /// <summary>The <c>Namespace.Class.Method</c> part of a test id (without a data row's argument list).</summary>
    public static string MethodOf(string testId)
    {
        var open = testId.IndexOf('(', StringComparison.Ordinal);
        return open > 0 ? testId[..open] : testId;
    }

    /// <summary>Escapes the filter's special characters with a backslash.</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
