using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;

namespace Hologram.Testing.Security;

/// <summary>
/// Finds secrets in text and replaces them with <c>[REDACTED:&lt;kind&gt;]</c>, keeping the context around them
/// (the key name, the URL host, the <c>Bearer </c> prefix). Thread-safe; <see cref="AddLiteral(string, string)"/> and
/// <see cref="AddPattern(string, Regex, string[])"/> publish a new rule set atomically (copy-on-write).
/// </summary>
/// <remarks>
/// Every string Hologram writes goes through <see cref="Default"/> (directly, or through a <see cref="RedactingTextWriter"/>).
/// Text is scanned for cheap trigger substrings first; only the lines that contain one are matched against the rules.
/// </remarks>
public sealed class SecretRedactor
{
    /// <summary>The smallest literal <see cref="AddLiteral(string, string)"/> accepts; shorter values would redact ordinary text.</summary>
    public const int MinimumLiteralLength = 4;

    private const int MaxBlockSpan = 64 * 1024;
    private RuleSet _rules;
    private SecretAllowList _allowList = SecretAllowList.Default;

    /// <summary>Creates a redactor with the built-in rules.</summary>
    public SecretRedactor()
    {
        _rules = RuleSet.Create(SecretPatterns.All, [], []);
    }

    private SecretRedactor(RuleSet rules, SecretAllowList allowList)
    {
        _rules = rules;
        _allowList = allowList;
    }

    /// <summary>The process-wide redactor every Hologram writer uses.</summary>
    public static SecretRedactor Default { get; } = new();

    /// <summary>The kinds the built-in rules report.</summary>
    public static IReadOnlyList<string> BuiltInKinds { get; } = SecretPatterns.All.Select(r => r.Kind).Distinct().ToArray();

    /// <summary>A redactor with the built-in rules plus the values of the named environment variables as known secrets.</summary>
    public static SecretRedactor FromEnvironment(IReadOnlyDictionary<string, string?> environment, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(names);
        var redactor = new SecretRedactor();
        redactor.AddEnvironment(environment, names);
        return redactor;
    }

    /// <summary>Adds the values of the named environment variables (those set and at least <see cref="MinimumLiteralLength"/> long) as known secrets.</summary>
    public SecretRedactor AddEnvironment(IReadOnlyDictionary<string, string?> environment, params IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            if (environment.TryGetValue(name, out var value) && value is { Length: >= MinimumLiteralLength })
            {
                AddLiteral(value);
            }
        }

        return this;
    }

    /// <summary>Redacts every occurrence of <paramref name="value"/> (ignored when shorter than <see cref="MinimumLiteralLength"/>).</summary>
    public SecretRedactor AddLiteral(string value, string kind = SecretKind.KnownSecret)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        if (value.Length < MinimumLiteralLength)
        {
            return this;
        }

        Update(rules => rules.Literals.Any(l => l.Value == value) ? rules : RuleSet.Create(rules.Rules, [.. rules.Literals, new(value, kind)], rules.Custom));
        return this;
    }

    /// <summary>
    /// Adds a rule: matches of <paramref name="regex"/> are redacted as <paramref name="kind"/> (only its group named
    /// <c>secret</c> when it has one). With <paramref name="triggers"/>, the rule runs only on lines containing one of them.
    /// </summary>
    public SecretRedactor AddPattern(string kind, Regex regex, params string[] triggers)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(regex);
        ArgumentNullException.ThrowIfNull(triggers);
        var rule = new SecretRule(kind, regex, triggers, placeholders: false);
        Update(rules => triggers.Length == 0
            ? RuleSet.Create(rules.Rules, rules.Literals, [.. rules.Custom, rule])
            : RuleSet.Create([.. rules.Rules, rule], rules.Literals, rules.Custom));
        return this;
    }

    /// <summary>The known-fake secrets left alone (<see cref="SecretAllowList.Default"/>: lines with the inline marker).</summary>
    public SecretAllowList AllowList => Volatile.Read(ref _allowList);

    /// <summary>
    /// Replaces the allow-list: findings it accepts are neither reported by <see cref="Find(string)"/> nor redacted. Literals
    /// added with <see cref="AddLiteral(string, string)"/> are always redacted.
    /// </summary>
    /// <param name="allowList">The list, e.g. <see cref="SecretAllowList.Load(string)"/> of the configured baseline, or <see cref="SecretAllowList.None"/>.</param>
    public SecretRedactor UseAllowList(SecretAllowList allowList)
    {
        ArgumentNullException.ThrowIfNull(allowList);
        Volatile.Write(ref _allowList, allowList);
        return this;
    }

    /// <summary>A copy of this redactor, rules, literals and allow-list included, that can be extended independently.</summary>
    public SecretRedactor Clone() => new(Volatile.Read(ref _rules), AllowList);

    /// <summary>The current trigger search and rules in priority order, for the throughput breakdown of bench/security.</summary>
    internal (SearchValues<string> Triggers, IReadOnlyList<SecretRule> Rules) Snapshot()
    {
        var rules = Volatile.Read(ref _rules);
        return (rules.Triggers, rules.Rules);
    }

    /// <summary>Marks the rules a line's triggers switch on, as <see cref="Find(string)"/> does; for bench/security.</summary>
    internal void MarkTriggered(ReadOnlySpan<char> line, Span<bool> run) => Volatile.Read(ref _rules).MarkTriggered(line, 0, run);

    /// <summary>True when <paramref name="text"/> contains at least one secret.</summary>
    public bool ContainsSecret(string? text) => !string.IsNullOrEmpty(text) && Find(text).Count > 0;

    /// <summary>
    /// Redacts every string in a JSON tree, property names included, in place; returns the node (a new one only for a
    /// bare string value). For writers of JSON reports and logs.
    /// </summary>
    /// <param name="node">The JSON to redact; null is returned as is.</param>
    public System.Text.Json.Nodes.JsonNode? Redact(System.Text.Json.Nodes.JsonNode? node)
    {
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj:
                foreach (var (key, child) in obj.ToList())
                {
                    var redactedKey = Redact(key);
                    var redactedChild = RedactChild(child);
                    if (!ReferenceEquals(redactedKey, key))
                    {
                        obj.Remove(key);
                        obj[redactedKey] = redactedChild?.Parent is null ? redactedChild : redactedChild.DeepClone();
                    }
                    else if (!ReferenceEquals(redactedChild, child))
                    {
                        obj[key] = redactedChild;
                    }
                }

                return obj;
            case System.Text.Json.Nodes.JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var redacted = RedactChild(child);
                    if (!ReferenceEquals(redacted, child))
                    {
                        array[i] = redacted;
                    }
                }

                return array;
            default:
                return RedactChild(node);
        }
    }

    private System.Text.Json.Nodes.JsonNode? RedactChild(System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text))
        {
            var redacted = Redact(text);
            return ReferenceEquals(redacted, text) ? node : System.Text.Json.Nodes.JsonValue.Create(redacted);
        }

        return node is System.Text.Json.Nodes.JsonObject or System.Text.Json.Nodes.JsonArray ? Redact(node) : node;
    }

    /// <summary>Replaces every secret in <paramref name="text"/> with <c>[REDACTED:&lt;kind&gt;]</c>; returns the same instance when there is none.</summary>
    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var findings = Find(text);
        if (findings.Count == 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var last = 0;
        foreach (var finding in findings)
        {
            builder.Append(text, last, finding.Index - last).Append("[REDACTED:").Append(finding.Kind).Append(']');
            last = finding.Index + finding.Length;
        }

        return builder.Append(text, last, text.Length - last).ToString();
    }

    /// <summary>The secrets in <paramref name="text"/>, in order and without overlaps.</summary>
    public IReadOnlyList<SecretFinding> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rules = Volatile.Read(ref _rules);
        List<Candidate>? candidates = null;
        var span = text.AsSpan();

        if (rules.LiteralValues is not null)
        {
            FindLiterals(text, rules, ref candidates);
        }

        var position = 0;
        while (position < span.Length)
        {
            var relative = span[position..].IndexOfAny(rules.Triggers);
            if (relative < 0)
            {
                break;
            }

            var hit = position + relative;
            var start = hit == 0 ? 0 : span[..hit].LastIndexOf('\n') + 1;
            var end = LineEnd(span, hit);
            end = ExtendOverBlock(span, start, end);
            start = ExtendBackOverName(span, start);
            MatchRegion(text, start, end - start, hit - start, rules, ref candidates);
            position = end;
        }

        for (var i = 0; i < rules.Custom.Length; i++)
        {
            MatchRule(text, 0, text.Length, rules.Custom[i], rules.Rules.Length + i, ref candidates);
        }

        if (candidates is null)
        {
            return [];
        }

        var allowList = Volatile.Read(ref _allowList);
        var marked = allowList.HonorsInlineMarker && text.Contains(SecretAllowList.InlineMarker, StringComparison.Ordinal);
        if (!marked && allowList.Count == 0)
        {
            return Merge(text, candidates, literal: null);
        }

        // Known fakes are dropped after merging, so the value checked is the one a scan baseline recorded. Literals
        // (AddLiteral, FromEnvironment) are real secrets by declaration and are never allowed.
        var literals = new List<bool>(candidates.Count);
        var merged = Merge(text, candidates, literals);
        var kept = new List<SecretFinding>(merged.Count);
        for (var i = 0; i < merged.Count; i++)
        {
            var finding = merged[i];
            if (literals[i] || !((marked && SecretAllowList.IsMarked(text, finding.Index)) || allowList.IsAllowedValue(finding.Value)))
            {
                kept.Add(finding);
            }
        }

        return kept;
    }

    private void Update(Func<RuleSet, RuleSet> change)
    {
        while (true)
        {
            var current = Volatile.Read(ref _rules);
            var next = change(current);
            if (ReferenceEquals(next, current) || ReferenceEquals(Interlocked.CompareExchange(ref _rules, next, current), current))
            {
                return;
            }
        }
    }

    private static int LineEnd(ReadOnlySpan<char> span, int from)
    {
        var newline = span[from..].IndexOf('\n');
        return newline < 0 ? span.Length : from + newline + 1;
    }

    // A private-key block spans lines (PEM, SSH2, PuTTY): match it as a whole, up to its closing line (bounded).
    private static int ExtendOverBlock(ReadOnlySpan<char> span, int start, int end)
    {
        var line = span[start..end];
        foreach (var (opening, closing) in PrivateKeyBlocks.Markers)
        {
            var begin = line.IndexOf(opening, StringComparison.Ordinal);
            if (begin < 0)
            {
                continue;
            }

            if (line[begin..].Contains(closing, StringComparison.Ordinal))
            {
                return end;
            }

            var limit = Math.Min(span.Length, start + MaxBlockSpan);
            var close = span[end..limit].IndexOf(closing, StringComparison.Ordinal);
            return close < 0 ? LineEnd(span, Math.Max(end, limit - 1)) : LineEnd(span, end + close);
        }

        return end;
    }

    // A YAML value line ("value: …") whose secret-named key is on the line before ("- name: DB_PASSWORD", a Kubernetes
    // env entry): match both lines together.
    private static int ExtendBackOverName(ReadOnlySpan<char> span, int start)
    {
        if (start < 2 || !span[start..].TrimStart(" \t-").StartsWith("value:", StringComparison.OrdinalIgnoreCase))
        {
            return start;
        }

        var previous = span[..(start - 1)].LastIndexOf('\n') + 1;
        return span[previous..start].Contains("name:", StringComparison.OrdinalIgnoreCase) ? previous : start;
    }

    // firstHit: where the trigger search found the region's first trigger, so the lookup does not search before it again.
    private static void MatchRegion(string text, int start, int length, int firstHit, RuleSet rules, ref List<Candidate>? candidates)
    {
        var region = text.AsSpan(start, length);
        Span<bool> run = rules.Rules.Length <= 512 ? stackalloc bool[rules.Rules.Length] : new bool[rules.Rules.Length];
        run.Clear();
        rules.MarkTriggered(region, firstHit, run);
        for (var i = 0; i < rules.Rules.Length; i++)
        {
            if (run[i])
            {
                MatchRule(text, start, length, rules.Rules[i], i, ref candidates);
            }
        }
    }

    private static void MatchRule(string text, int start, int length, SecretRule rule, int priority, ref List<Candidate>? candidates)
    {
        Match match;
        try
        {
            match = rule.Regex.Match(text, start, length);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological line: redact the whole region rather than risk leaking it.
            (candidates ??= []).Add(new Candidate(start, length, rule.Kind, priority));
            return;
        }

        for (; match.Success; match = match.NextMatch())
        {
            var group = rule.SecretGroup >= 0 ? match.Groups[rule.SecretGroup] : match;
            if (!group.Success || group.Length == 0)
            {
                continue;
            }

            var value = group.Value;
            if ((rule.SkipPlaceholders && SecretPlaceholders.IsPlaceholder(value)) || (rule.Accept is not null && !rule.Accept(match, value)))
            {
                continue;
            }

            (candidates ??= []).Add(new Candidate(group.Index, group.Length, rule.Kind, priority));
        }
    }

    private static void FindLiterals(string text, RuleSet rules, ref List<Candidate>? candidates)
    {
        var span = text.AsSpan();
        var position = 0;
        while (position < span.Length)
        {
            var relative = span[position..].IndexOfAny(rules.LiteralValues!);
            if (relative < 0)
            {
                return;
            }

            var at = position + relative;
            var best = default(Literal);
            foreach (var literal in rules.Literals)
            {
                if (span[at..].StartsWith(literal.Value, StringComparison.Ordinal) && literal.Value.Length > (best.Value?.Length ?? 0))
                {
                    best = literal;
                }
            }

            (candidates ??= []).Add(new Candidate(at, best.Value!.Length, best.Kind, -1));
            position = at + best.Value.Length;
        }
    }

    private static List<SecretFinding> Merge(string text, List<Candidate> candidates, List<bool>? literal)
    {
        candidates.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Priority.CompareTo(b.Priority));
        var findings = new List<SecretFinding>(candidates.Count);
        var current = candidates[0];
        var currentEnd = current.Start + current.Length;
        var currentLiteral = current.Priority < 0;
        for (var i = 1; i < candidates.Count; i++)
        {
            var next = candidates[i];
            if (next.Start < currentEnd)
            {
                currentEnd = Math.Max(currentEnd, next.Start + next.Length);
                currentLiteral |= next.Priority < 0;
                continue;
            }

            findings.Add(new SecretFinding(current.Kind, current.Start, currentEnd - current.Start, text.Substring(current.Start, currentEnd - current.Start)));
            literal?.Add(currentLiteral);
            current = next;
            currentEnd = next.Start + next.Length;
            currentLiteral = next.Priority < 0;
        }

        findings.Add(new SecretFinding(current.Kind, current.Start, currentEnd - current.Start, text.Substring(current.Start, currentEnd - current.Start)));
        literal?.Add(currentLiteral);
        return findings;
    }

    private readonly record struct Candidate(int Start, int Length, string Kind, int Priority);

    private readonly record struct Literal(string Value, string Kind);

    private sealed class RuleSet
    {
        // Triggers by their first character (ASCII, lower-case): which rules a trigger found at a position switches on.
        private readonly (string Trigger, int[] Rules)[]?[] _byFirst = new (string, int[])[]?[128];
        private readonly int[] _untriggered;

        private RuleSet(SecretRule[] rules, Literal[] literals, SecretRule[] custom)
        {
            Rules = rules;
            Literals = literals;
            Custom = custom;
            var triggers = rules.SelectMany(r => r.Triggers).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            Triggers = SearchValues.Create(triggers, StringComparison.OrdinalIgnoreCase);
            LiteralValues = literals.Length == 0 ? null : SearchValues.Create(literals.Select(l => l.Value).ToArray(), StringComparison.Ordinal);
            _untriggered = [.. Enumerable.Range(0, rules.Length).Where(i => rules[i].TriggerValues is null)];
            foreach (var group in triggers.GroupBy(t => char.ToLowerInvariant(t[0])))
            {
                if (group.Key < 128)
                {
                    _byFirst[group.Key] = [.. group.Select(t => (t, Enumerable.Range(0, rules.Length).Where(i => rules[i].Triggers.Contains(t, StringComparer.OrdinalIgnoreCase)).ToArray()))];
                }
            }
        }

        public SecretRule[] Rules { get; }

        public Literal[] Literals { get; }

        public SecretRule[] Custom { get; }

        public SearchValues<string> Triggers { get; }

        public SearchValues<string>? LiteralValues { get; }

        public static RuleSet Create(IEnumerable<SecretRule> rules, Literal[] literals, SecretRule[] custom) => new(rules.ToArray(), literals, custom);

        // "CancellationToken" is on most lines of a .NET stack trace and never holds a secret: such a "token" hit switches
        // on no rule (another occurrence of the trigger on the line still does).
        private static bool IsCancellationToken(ReadOnlySpan<char> region, int at, string trigger) =>
            trigger.Length == 5 && at >= 12 && string.Equals(trigger, "token", StringComparison.OrdinalIgnoreCase)
            && region[(at - 12)..at].Equals("cancellation", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Marks the rules one of whose triggers occurs in <paramref name="region"/>: one pass of the combined trigger search,
        /// then, at each hit, only the triggers that start with that character are compared.
        /// </summary>
        public void MarkTriggered(ReadOnlySpan<char> region, int from, Span<bool> run)
        {
            foreach (var i in _untriggered)
            {
                run[i] = true;
            }

            var position = from;
            while (position < region.Length)
            {
                var relative = region[position..].IndexOfAny(Triggers);
                if (relative < 0)
                {
                    return;
                }

                var at = position + relative;
                var first = char.ToLowerInvariant(region[at]);
                var known = false;
                if (first < 128 && _byFirst[first] is { } candidates)
                {
                    foreach (var (trigger, indexes) in candidates)
                    {
                        if (region[at..].StartsWith(trigger, StringComparison.OrdinalIgnoreCase))
                        {
                            known = true;
                            if (IsCancellationToken(region, at, trigger))
                            {
                                continue;
                            }

                            foreach (var i in indexes)
                            {
                                run[i] = true;
                            }
                        }
                    }
                }

                if (!known)
                {
                    // A case folding the table does not know (non-ASCII): run every rule rather than miss one.
                    run.Fill(true);
                    return;
                }

                position = at + 1;
            }
        }
    }
}
