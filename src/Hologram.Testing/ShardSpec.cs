using System.Globalization;
using System.Text;

namespace Hologram.Testing;

/// <summary>
/// One shard <c>i/n</c> of a test suite split over <c>n</c> machines; <paramref name="Index"/> is 1-based.
/// </summary>
/// <param name="Index">The 1-based shard index, from 1 to <paramref name="Count"/>.</param>
/// <param name="Count">The number of shards, at least 1.</param>
public readonly record struct ShardSpec(int Index, int Count)
{
    private const ulong FnvOffsetBasis = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Parses <c>i/n</c> (1 ≤ i ≤ n), e.g. <c>1/4</c>.</summary>
    /// <param name="text">The shard text.</param>
    /// <returns>The shard.</returns>
    /// <exception cref="FormatException">The text is not <c>i/n</c> with 1 ≤ i ≤ n.</exception>
    public static ShardSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var shard);
        return error is null ? shard : throw new FormatException($"'{text.ReplaceLineEndings(" ")}' is not a shard: {error}");
    }

    /// <summary>Parses <c>i/n</c> without throwing.</summary>
    /// <param name="text">The shard text.</param>
    /// <param name="shard">The shard when the text is valid.</param>
    /// <returns><see langword="true"/> when the text is a valid shard.</returns>
    public static bool TryParse(string? text, out ShardSpec shard)
    {
        shard = default;
        return text is not null && TryParseCore(text, out shard) is null;
    }

    /// <summary>Whether the test with this id belongs to this shard (FNV-1a 64-bit hash of its UTF-8 bytes, modulo the count).</summary>
    /// <param name="testId">The stable test id.</param>
    /// <returns><see langword="true"/> when the test runs in this shard.</returns>
    public bool Includes(string testId)
    {
        ArgumentNullException.ThrowIfNull(testId);
        if (Count < 1 || Index < 1 || Index > Count)
        {
            throw new InvalidOperationException($"'{this}' is not a valid shard: the index must be between 1 and the count.");
        }

        return HashIndex(testId, Count) == Index;
    }

    /// <summary>The 1-based shard of <paramref name="testId"/> among <paramref name="count"/> by the stable hash.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="count">The number of shards.</param>
    public static int HashIndex(string testId, int count)
    {
        ArgumentNullException.ThrowIfNull(testId);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return (int)(Hash(testId) % (ulong)count) + 1;
    }

    /// <summary>Returns <c>i/n</c>.</summary>
    /// <returns>The shard text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    internal static ulong Hash(string testId)
    {
        var hash = FnvOffsetBasis;
        var byteCount = Encoding.UTF8.GetByteCount(testId);
        Span<byte> buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(testId, buffer);
        foreach (var b in buffer)
        {
            hash ^= b;
            hash *= FnvPrime;
        }

        return hash;
    }

    private static string? TryParseCore(string text, out ShardSpec shard)
    {
        shard = default;
        var trimmed = text.Trim();
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return "expected 'i/n', e.g. '1/4'";
        }

        if (!int.TryParse(trimmed.AsSpan(0, slash), NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            || !int.TryParse(trimmed.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return "expected two whole numbers 'i/n', e.g. '1/4'";
        }

        if (count < 1)
        {
            return "the shard count must be at least 1";
        }

        if (index < 1 || index > count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the index must be between 1 and {count} (shards are 1-based)");
        }

        shard = new ShardSpec(index, count);
        return null;
    }
}
