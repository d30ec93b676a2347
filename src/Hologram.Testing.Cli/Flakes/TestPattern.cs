using System.Text.RegularExpressions;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>A test id, or a pattern in which <c>*</c> stands for any run of characters (case-sensitive, like test ids).</summary>
internal sealed class TestPattern
{
    private readonly Regex? regex;

    public TestPattern(string text)
    {
        Text = text;
        if (text.Contains('*', StringComparison.Ordinal))
        {
            var body = string.Join(".*", text.Split('*').Select(Regex.Escape));
            regex = new Regex($"^{body}$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The pattern as given.</summary>
    public string Text { get; }

    /// <summary>True when the text contains a <c>*</c> wildcard.</summary>
    public bool IsWildcard => regex is not null;

    /// <summary>Whether <paramref name="testId"/> is matched.</summary>
    public bool Matches(string testId) => regex?.IsMatch(testId) ?? string.Equals(Text, testId, StringComparison.Ordinal);

    /// <summary>The matched ids among <paramref name="testIds"/>, distinct and in ordinal order.</summary>
    public IReadOnlyList<string> Select(IEnumerable<string> testIds) =>
        testIds.Where(Matches).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
