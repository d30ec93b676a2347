namespace Hologram.Testing.Security;

/// <summary>
/// The multi-line private-key forms, by the marker that opens a block and the one that closes it: the redactor matches
/// such a block as a whole, and <see cref="RedactingTextWriter"/> holds an open one back until it is closed.
/// </summary>
internal static class PrivateKeyBlocks
{
    /// <summary>PEM and OpenSSH (<c>-----BEGIN …</c>), SSH2 (RFC 4716, <c>---- BEGIN SSH2 …</c>) and PuTTY <c>.ppk</c> files.</summary>
    public static IReadOnlyList<(string Begin, string End)> Markers { get; } =
    [
        ("-----BEGIN ", "-----END "),
        ("BEGIN SSH2 ", "END SSH2 "),
        ("PuTTY-User-Key-File-", "Private-MAC:"),
    ];

    /// <summary>Where the first block opened in <paramref name="text"/> and not closed after it starts, or -1.</summary>
    public static int OpenBlock(ReadOnlySpan<char> text)
    {
        var open = -1;
        foreach (var (begin, end) in Markers)
        {
            var at = text.LastIndexOf(begin, StringComparison.Ordinal);
            if (at >= 0 && !text[at..].Contains(end, StringComparison.Ordinal) && (open < 0 || at < open))
            {
                open = at;
            }
        }

        return open;
    }
}
