using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Hologram.Testing.Sdk.Internal;

/// <summary>
/// Which failures are retried: a failure matches when its exception's type, or one of that type's base types, is
/// listed by full name, or when one of the patterns matches its message. An empty filter matches every failure. A
/// pattern that takes longer than <see cref="MatchTimeout"/> on a message does not match it (the failure is reported,
/// not retried).
/// </summary>
internal sealed partial class FailureFilter
{
    /// <summary>How long one pattern may take on one message.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>The filter that retries every failure.</summary>
    public static readonly FailureFilter Any = new([], []);

    // Exception types by full name, as found among the loaded assemblies (null when none has the name).
    private static readonly ConcurrentDictionary<string, Type?> LoadedTypes = new(StringComparer.Ordinal);

    private readonly HashSet<string> _types;
    private readonly Regex[] _patterns;

    private FailureFilter(IEnumerable<string> types, Regex[] patterns)
    {
        _types = new HashSet<string>(types, StringComparer.Ordinal);
        _patterns = patterns;
    }

    /// <summary>True when every failure matches.</summary>
    public bool MatchesEverything => _types.Count == 0 && _patterns.Length == 0;

    /// <summary>The filter of exception type names and message patterns (already checked by <see cref="PatternProblem"/>).</summary>
    public static FailureFilter Create(IReadOnlyCollection<string> exceptionTypes, IReadOnlyCollection<string> messagePatterns) =>
        exceptionTypes.Count == 0 && messagePatterns.Count == 0
            ? Any
            : new FailureFilter(exceptionTypes, [.. messagePatterns.Select(Compile)]);

    /// <summary>What is wrong with a message pattern, or null for a valid one.</summary>
    public static string? PatternProblem(string pattern)
    {
        try
        {
            _ = Compile(pattern);
            return null;
        }
        catch (ArgumentException e)
        {
            return "is not a valid regular expression: " + e.Message.ReplaceLineEndings(" ");
        }
    }

    /// <summary>What is wrong with an exception type name, or null for a plausible full name (<c>System.TimeoutException</c>).</summary>
    public static string? TypeNameProblem(string name) =>
        TypeNamePattern().IsMatch(name) ? null : "is not a full type name such as System.TimeoutException (namespace and type, no assembly)";

    /// <summary>True when the failure with exception <paramref name="exceptionType"/> and <paramref name="message"/> is retried.</summary>
    /// <param name="exceptionType">The full name of the exception that failed the test, if known.</param>
    /// <param name="message">The exception's own message, if any.</param>
    public bool Matches(string? exceptionType, string? message)
    {
        if (MatchesEverything)
        {
            return true;
        }

        if (exceptionType is not null && _types.Count > 0 && TypeMatches(exceptionType))
        {
            return true;
        }

        foreach (var pattern in _patterns)
        {
            try
            {
                if (pattern.IsMatch(message ?? string.Empty))
                {
                    return true;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // Too slow to decide: the failure is reported rather than retried.
            }
        }

        return false;
    }

    private bool TypeMatches(string exceptionType)
    {
        if (_types.Contains(exceptionType))
        {
            return true;
        }

        for (var type = LoadedTypes.GetOrAdd(exceptionType, FindLoaded)?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.FullName is { } name && _types.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    // The exception was thrown in this process, so its type's assembly is loaded.
    private static Type? FindLoaded(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }

    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    [GeneratedRegex(@"^[\p{L}_][\p{L}\p{N}_`]*([.+][\p{L}_][\p{L}\p{N}_`]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeNamePattern();
}
