using System.Security.Cryptography;
using System.Text;

namespace Hologram.Testing.Security;

/// <summary>
/// Known-fake secrets that <see cref="SecretRedactor"/> and <c>hologram secrets scan</c> leave alone: a finding on a line
/// carrying <see cref="InlineMarker"/>, and values whose keyed fingerprint is in the <c>allowed</c> list of a secrets
/// baseline file (<c>.secrets-baseline.json</c>). Immutable and thread-safe.
/// </summary>
public sealed class SecretAllowList
{
    /// <summary>The inline marker: a finding on a line that contains it (for example in a trailing comment) is accepted.</summary>
    public const string InlineMarker = "hologram:allow-secret";

    private readonly byte[]? _salt;
    private readonly HashSet<string> _fingerprints;

    internal SecretAllowList(byte[]? salt, IEnumerable<string> fingerprints, bool honorInlineMarker)
    {
        _salt = salt;
        _fingerprints = new HashSet<string>(fingerprints, StringComparer.Ordinal);
        HonorsInlineMarker = honorInlineMarker;
    }

    /// <summary>The inline marker and no values: what <see cref="SecretRedactor"/> uses until another list is set.</summary>
    public static SecretAllowList Default { get; } = new(null, [], honorInlineMarker: true);

    /// <summary>Nothing is allowed, not even a marked line.</summary>
    public static SecretAllowList None { get; } = new(null, [], honorInlineMarker: false);

    /// <summary>Whether a finding on a line containing <see cref="InlineMarker"/> is accepted.</summary>
    public bool HonorsInlineMarker { get; }

    /// <summary>The number of known-fake values (fingerprints) in the list.</summary>
    public int Count => _fingerprints.Count;

    /// <summary>
    /// Reads the <c>allowed</c> entries of a secrets baseline file, as written by <c>hologram secrets allow</c>; the inline
    /// marker is honoured too.
    /// </summary>
    /// <param name="baselinePath">The baseline file, e.g. <c>.secrets-baseline.json</c>.</param>
    /// <exception cref="InvalidDataException">The file is missing, unreadable or not a secrets baseline (the message is one line naming it).</exception>
    public static SecretAllowList Load(string baselinePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(baselinePath);
        if (!File.Exists(baselinePath))
        {
            throw new InvalidDataException($"baseline '{baselinePath}' does not exist");
        }

        return SecretBaseline.Load(baselinePath).AllowList;
    }

    /// <summary>The same values, with the inline marker honoured or not.</summary>
    /// <param name="honor">Whether a marked line is accepted.</param>
    public SecretAllowList WithInlineMarker(bool honor) => honor == HonorsInlineMarker ? this : new(_salt, _fingerprints, honor);

    /// <summary>True when <paramref name="value"/> is one of the known-fake values.</summary>
    /// <param name="value">A secret as found (<see cref="SecretFinding.Value"/>).</param>
    public bool IsAllowedValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return _salt is not null && _fingerprints.Count > 0 && _fingerprints.Contains(Fingerprint(_salt, value));
    }

    /// <summary>True when <paramref name="finding"/> in <paramref name="text"/> is accepted: its line is marked, or its value is a known fake.</summary>
    /// <param name="text">The text the finding was found in.</param>
    /// <param name="finding">The finding.</param>
    public bool IsAllowed(string text, SecretFinding finding)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (HonorsInlineMarker && IsMarked(text, finding.Index)) || IsAllowedValue(finding.Value);
    }

    /// <summary>True when the line of <paramref name="text"/> that holds position <paramref name="index"/> contains <see cref="InlineMarker"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="index">A position in the text.</param>
    public static bool IsMarked(string text, int index)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, text.Length);
        var span = text.AsSpan();
        var start = index == 0 ? 0 : span[..index].LastIndexOf('\n') + 1;
        var newline = span[index..].IndexOf('\n');
        var end = newline < 0 ? span.Length : index + newline;
        return span[start..end].Contains(InlineMarker, StringComparison.Ordinal);
    }

    /// <summary>The keyed fingerprint of a value: HMAC-SHA256 under the baseline's salt, lower-case hex.</summary>
    internal static string Fingerprint(byte[] salt, string value) => Convert.ToHexStringLower(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value)));
}
