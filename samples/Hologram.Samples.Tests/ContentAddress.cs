using System.Security.Cryptography;

namespace Hologram.Samples.Tests;

/// <summary>A tiny piece of code under test: content addresses as used by the sample pipeline.</summary>
public static class ContentAddress
{
    /// <summary>Returns the content address of <paramref name="content"/>: "b" + base32 of its SHA-256.</summary>
    public static string Of(ReadOnlySpan<byte> content)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(content, hash);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var chars = new char[1 + ((hash.Length * 8) + 4) / 5];
        chars[0] = 'b';
        int buffer = 0, bits = 0, at = 1;
        foreach (var b in hash)
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
}
