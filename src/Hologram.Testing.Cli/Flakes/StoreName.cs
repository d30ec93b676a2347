using System.Text.RegularExpressions;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>Names a configured store in messages without its credentials.</summary>
internal static partial class StoreName
{
    /// <summary>The store setting with any password replaced by <c>***</c>.</summary>
    public static string Describe(string store) =>
        UrlPassword().Replace(KeyPassword().Replace(store, "${key}=***"), "${scheme}${user}:***@");

    /// <summary>Removes every password of <paramref name="store"/> from <paramref name="message"/> and keeps only its first line.</summary>
    public static string Scrub(string message, string store)
    {
        var firstLine = message.Split('\n', 2)[0].Trim();
        foreach (var secret in Passwords(store))
        {
            firstLine = firstLine.Replace(secret, "***", StringComparison.Ordinal);
        }

        return firstLine;
    }

    private static IEnumerable<string> Passwords(string store)
    {
        foreach (Match match in KeyPassword().Matches(store))
        {
            var value = match.Groups["value"].Value.Trim();
            if (value.Length > 0)
            {
                yield return value;
            }
        }

        foreach (Match match in UrlPassword().Matches(store))
        {
            var value = match.Groups["password"].Value;
            if (value.Length > 0)
            {
                yield return value;
                yield return Uri.UnescapeDataString(value);
            }
        }
    }

    [GeneratedRegex("(?<key>password|pwd)\\s*=\\s*(?<value>[^;]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyPassword();

    [GeneratedRegex("(?<scheme>[a-z][a-z0-9+.-]*://)(?<user>[^:/@\\s]+):(?<password>[^@/\\s]+)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrlPassword();
}
