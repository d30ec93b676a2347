using System.Buffers;
using System.Text.RegularExpressions;

namespace Hologram.Testing.Security;

/// <summary>One detection rule: a kind, a regex (its <c>secret</c> group, or the whole match, is redacted) and the cheap triggers that gate it.</summary>
internal sealed class SecretRule
{
    public SecretRule(string kind, Regex regex, string[] triggers, Func<Match, string, bool>? accept = null, bool placeholders = true)
    {
        Kind = kind;
        Regex = regex;
        Triggers = triggers;
        TriggerValues = triggers.Length == 0 ? null : SearchValues.Create(triggers, StringComparison.OrdinalIgnoreCase);
        Accept = accept;
        SkipPlaceholders = placeholders;
        SecretGroup = regex.GroupNumberFromName("secret");
    }

    public string Kind { get; }

    public Regex Regex { get; }

    /// <summary>Substrings (case-insensitive) one of which must occur on a line for the rule to run; empty: always run on the whole text.</summary>
    public string[] Triggers { get; }

    public SearchValues<string>? TriggerValues { get; }

    /// <summary>An extra check on the match and the candidate secret, for rules whose regex alone is too loose.</summary>
    public Func<Match, string, bool>? Accept { get; }

    public bool SkipPlaceholders { get; }

    public int SecretGroup { get; }
}
