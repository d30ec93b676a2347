using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.History;

/// <summary>
/// Attempts waiting for the store, encoded one after another in one reusable byte buffer (UTF-8 text, fixed-size
/// numbers) instead of held as objects. A run records tens of thousands of attempts and the store takes them in
/// batches: held as objects, each survived several collections and was promoted to the oldest generation, where it
/// stayed long after it was written (the test host's working set grew by the whole run's attempts). Encoded, a batch is
/// one buffer that is reused for the next, and an embedded store binds the UTF-8 text straight from it. Not
/// thread-safe: the recorder adds under its lock and writes a batch no one adds to.
/// </summary>
internal sealed class AttemptBatch
{
    private const byte FlagFinal = 1;
    private const byte FlagQuarantined = 2;

    private byte[] data = new byte[64 * 1024];
    private int length;
    private int[] starts = new int[256];
    private int[]? order;

    /// <summary>The number of attempts held.</summary>
    public int Count { get; private set; }

    /// <summary>The bytes the attempts take.</summary>
    public int Bytes => length;

    /// <summary>Appends one attempt.</summary>
    /// <param name="attempt">The attempt (already redacted).</param>
    public void Add(TestAttempt attempt)
    {
        if (Count == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
        }

        starts[Count++] = length;
        order = null;
        WriteString(attempt.RunId);
        WriteString(attempt.TestId);
        WriteString(attempt.DisplayName);
        WriteString(attempt.ClassName);
        WriteString(CategoriesJson(attempt.Categories));
        WriteString(attempt.ErrorMessage);
        WriteString(attempt.ErrorSignature);
        var fixedPart = Reserve(4 + 8 + 8 + 2 + 1 + 1);
        BinaryPrimitives.WriteInt32LittleEndian(fixedPart, attempt.Attempt);
        BinaryPrimitives.WriteDoubleLittleEndian(fixedPart[4..], attempt.DurationMs);
        BinaryPrimitives.WriteInt64LittleEndian(fixedPart[12..], attempt.FinishedAt.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(fixedPart[20..], (short)attempt.FinishedAt.Offset.TotalMinutes);
        fixedPart[22] = (byte)attempt.Outcome;
        fixedPart[23] = (byte)((attempt.IsFinal ? FlagFinal : 0) | (attempt.Quarantined ? FlagQuarantined : 0));
    }

    /// <summary>Empties the batch, keeping its buffers for the next.</summary>
    public void Clear()
    {
        length = 0;
        Count = 0;
        order = null;
    }

    /// <summary>Orders the attempts by test id (ordinal), so a store writes each index page it touches once.</summary>
    public void SortByTestId()
    {
        var sorted = new int[Count];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = i;
        }

        Array.Sort(sorted, (a, b) => TestIdAt(a).SequenceCompareTo(TestIdAt(b)));
        order = sorted;
    }

    /// <summary>The <paramref name="index"/>-th attempt in the batch's order (by test id once sorted).</summary>
    /// <param name="index">0 to <see cref="Count"/> − 1.</param>
    public Row this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var position = order is null ? index : order[index];
            var start = starts[position];
            return new Row(data.AsSpan(start, EndOf(position) - start));
        }
    }

    /// <summary>The attempts as objects, in the batch's order (for stores that take objects).</summary>
    public List<TestAttempt> ToList()
    {
        var list = new List<TestAttempt>(Count);
        for (var i = 0; i < Count; i++)
        {
            list.Add(this[i].ToAttempt());
        }

        return list;
    }

    /// <summary>The categories column: a JSON array of strings (most tests have none, and share the empty one).</summary>
    internal static string CategoriesJson(IReadOnlyList<string> categories) =>
        categories.Count == 0 ? "[]" : JsonSerializer.Serialize(categories, HistoryJson.WriteOptions);

    private int EndOf(int position) => position == Count - 1 ? length : starts[position + 1];

    // The test id is the second field: skip the run id's length and bytes.
    private ReadOnlySpan<byte> TestIdAt(int position)
    {
        var at = starts[position];
        at += 4 + BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at));
        return data.AsSpan(at + 4, BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(at)));
    }

    private void WriteString(string? value)
    {
        if (value is null)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), -1);
            return;
        }

        var target = Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, target[4..]);
        BinaryPrimitives.WriteInt32LittleEndian(target, written);
        length -= target.Length - 4 - written;
    }

    private Span<byte> Reserve(int bytes)
    {
        if (data.Length - length < bytes)
        {
            Array.Resize(ref data, Math.Max(data.Length * 2, length + bytes));
        }

        var span = data.AsSpan(length, bytes);
        length += bytes;
        return span;
    }

    /// <summary>One encoded attempt: its text fields as UTF-8, its numbers decoded.</summary>
    public readonly ref struct Row
    {
        /// <summary>Reads the row from its bytes.</summary>
        public Row(ReadOnlySpan<byte> bytes)
        {
            var rest = bytes;
            RunId = Next(ref rest, out _);
            TestId = Next(ref rest, out _);
            DisplayName = Next(ref rest, out _);
            ClassName = Next(ref rest, out _);
            CategoriesJson = Next(ref rest, out _);
            ErrorMessage = Next(ref rest, out var noMessage);
            HasErrorMessage = !noMessage;
            ErrorSignature = Next(ref rest, out var noSignature);
            HasErrorSignature = !noSignature;
            Attempt = BinaryPrimitives.ReadInt32LittleEndian(rest);
            DurationMs = BinaryPrimitives.ReadDoubleLittleEndian(rest[4..]);
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(rest[12..]);
            var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(rest[20..]));
            FinishedAt = new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
            Outcome = (TestOutcome)rest[22];
            IsFinal = (rest[23] & FlagFinal) != 0;
            Quarantined = (rest[23] & FlagQuarantined) != 0;
        }

        /// <summary>The run id (UTF-8).</summary>
        public ReadOnlySpan<byte> RunId { get; }

        /// <summary>The test id (UTF-8).</summary>
        public ReadOnlySpan<byte> TestId { get; }

        /// <summary>The display name (UTF-8).</summary>
        public ReadOnlySpan<byte> DisplayName { get; }

        /// <summary>The class name (UTF-8).</summary>
        public ReadOnlySpan<byte> ClassName { get; }

        /// <summary>The categories as the store keeps them (a JSON array, UTF-8).</summary>
        public ReadOnlySpan<byte> CategoriesJson { get; }

        /// <summary>The error message (UTF-8), when <see cref="HasErrorMessage"/>.</summary>
        public ReadOnlySpan<byte> ErrorMessage { get; }

        /// <summary>True when the attempt has an error message.</summary>
        public bool HasErrorMessage { get; }

        /// <summary>The error signature (UTF-8), when <see cref="HasErrorSignature"/>.</summary>
        public ReadOnlySpan<byte> ErrorSignature { get; }

        /// <summary>True when the attempt has an error signature.</summary>
        public bool HasErrorSignature { get; }

        /// <summary>The 1-based attempt number.</summary>
        public int Attempt { get; }

        /// <summary>The duration in milliseconds.</summary>
        public double DurationMs { get; }

        /// <summary>When the attempt finished.</summary>
        public DateTimeOffset FinishedAt { get; }

        /// <summary>The outcome.</summary>
        public TestOutcome Outcome { get; }

        /// <summary>True for the final attempt.</summary>
        public bool IsFinal { get; }

        /// <summary>True when the failure was reported as skipped because the test is quarantined.</summary>
        public bool Quarantined { get; }

        /// <summary>The attempt as an object.</summary>
        public TestAttempt ToAttempt()
        {
            var categories = Encoding.UTF8.GetString(CategoriesJson);
            return new TestAttempt
            {
                RunId = Encoding.UTF8.GetString(RunId),
                TestId = Encoding.UTF8.GetString(TestId),
                DisplayName = Encoding.UTF8.GetString(DisplayName),
                ClassName = Encoding.UTF8.GetString(ClassName),
                Categories = categories == "[]" ? [] : JsonSerializer.Deserialize<string[]>(categories, HistoryJson.Options) ?? [],
                Attempt = Attempt,
                Outcome = Outcome,
                DurationMs = DurationMs,
                IsFinal = IsFinal,
                Quarantined = Quarantined,
                ErrorMessage = HasErrorMessage ? Encoding.UTF8.GetString(ErrorMessage) : null,
                ErrorSignature = HasErrorSignature ? Encoding.UTF8.GetString(ErrorSignature) : null,
                FinishedAt = FinishedAt,
            };
        }

        private static ReadOnlySpan<byte> Next(scoped ref ReadOnlySpan<byte> rest, out bool isNull)
        {
            var count = BinaryPrimitives.ReadInt32LittleEndian(rest);
            isNull = count < 0;
            var value = isNull ? default : rest.Slice(4, count);
            rest = rest[(4 + Math.Max(0, count))..];
            return value;
        }
    }
}
