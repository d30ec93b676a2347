using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hologram.Samples.Service;

/// <summary>Content identifiers as IPFS makes them for raw blocks: CIDv1, raw codec, SHA-256, base32 ("bafkrei…").</summary>
internal static partial class Cid
{
    /// <summary>The CID of <paramref name="content"/>.</summary>
    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> bytes = stackalloc byte[36];
        bytes[0] = 0x01; // CID version 1
        bytes[1] = 0x55; // raw codec
        bytes[2] = 0x12; // sha2-256
        bytes[3] = 0x20; // 32-byte digest
        SHA256.HashData(content, bytes[4..]);
        return "b" + Base32(bytes);
    }

    /// <summary>Whether <paramref name="value"/> looks like a CID this store makes (and is safe as a file name).</summary>
    public static bool IsValid(string? value) => value is not null && Shape().IsMatch(value);

    private static string Base32(ReadOnlySpan<byte> data)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[((data.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, at = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[at++] = alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[at] = alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars);
    }

    [GeneratedRegex("^b[a-z2-7]{58}$")]
    private static partial Regex Shape();
}
