using Hologram.Testing.Sdk;
using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hologram.Testing.Security;

/// <summary>
/// An append-only file of JSON-line records linked by SHA-256 (or HMAC-SHA256 with a key): each line is
/// <c>{"seq":n,"prev":"…","data":{…},"hash":"…"}</c> where <c>hash</c> covers the previous hash and the canonical
/// bytes <c>{"seq":n,"data":…}</c>. Several processes may append to the same file; each append holds an
/// exclusive lock on the file and re-reads the last hash.
/// </summary>
public sealed class ProofChain
{
    /// <summary>The <c>prev</c> value of the first record: 64 zeros.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    private const int HashBytes = 32;
    private readonly byte[]? _key;

    /// <summary>Opens (without creating) the chain stored at <paramref name="path"/>; <paramref name="key"/> switches to HMAC-SHA256.</summary>
    public ProofChain(string path, byte[]? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = path;
        _key = key is { Length: > 0 } ? (byte[])key.Clone() : null;
    }

    /// <summary>The file the records are appended to.</summary>
    public string Path { get; }

    /// <summary>How long an append waits for another writer's lock before giving up (default 10 seconds).</summary>
    public TimeSpan LockTimeout { get; init; } = FileLock.DefaultTimeout;

    /// <summary>Appends one record whose payload is the JSON value <paramref name="dataJson"/>; returns the record written.</summary>
    public ProofRecord Append(string dataJson) => AppendRange([dataJson])[0];

    /// <summary>Appends several records under one lock; returns them in order.</summary>
    public IReadOnlyList<ProofRecord> AppendRange(IEnumerable<string> dataJson)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        var payloads = dataJson.Select(Compact).ToList();
        if (payloads.Count == 0)
        {
            return [];
        }

        using var stream = OpenLocked();
        var (seq, prev) = ReadTail(stream);
        stream.Seek(0, SeekOrigin.End);
        var records = new List<ProofRecord>(payloads.Count);
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var data in payloads)
        {
            seq++;
            var hash = ComputeHash(prev, seq, data, _key);
            var record = new ProofRecord(seq, prev, hash, Encoding.UTF8.GetString(data));
            WriteLine(buffer, record, data);
            records.Add(record);
            prev = hash;
        }

        stream.Write(buffer.WrittenSpan);
        stream.Flush(flushToDisk: true);
        return records;
    }

    /// <summary>Checks every record of the chain at <paramref name="path"/>; reports the first altered, inserted, removed, reordered or malformed one.</summary>
    public static ProofChainVerification Verify(string path, byte[]? key = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        return ProofChainVerifier.Verify(reader, key is { Length: > 0 } ? key : null);
    }

    /// <summary>Verifies records read from <paramref name="reader"/> (one JSON record per line).</summary>
    public static ProofChainVerification Verify(TextReader reader, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ProofChainVerifier.Verify(reader, key is { Length: > 0 } ? key : null);
    }

    /// <summary>
    /// Links a flat JSON record (e.g. an event-log line) to the chain: returns <paramref name="line"/> with <c>seq</c>,
    /// <c>prev</c> and <c>hash</c> fields appended, where <c>hash</c> covers the record's own fields (compact, in order)
    /// and the previous line's hash. <see cref="Verify(string, byte[])"/> checks files of such lines as well as wrapped
    /// <c>{"seq","prev","data","hash"}</c> records.
    /// </summary>
    /// <param name="previousLine">The last line of the file, or null for the first record.</param>
    /// <param name="line">The new record: a JSON object without chain fields.</param>
    /// <param name="key">An HMAC key, or null for plain SHA-256.</param>
    public static string Link(string? previousLine, string line, byte[]? key = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var (previousHash, sequence) = (GenesisHash, 1L);
        if (!string.IsNullOrWhiteSpace(previousLine))
        {
            using var previous = JsonDocument.Parse(previousLine);
            if (previous.RootElement.TryGetProperty("hash", out var hash) && hash.ValueKind == JsonValueKind.String
                && previous.RootElement.TryGetProperty("seq", out var seq) && seq.TryGetInt64(out var number))
            {
                (previousHash, sequence) = (hash.GetString()!, number + 1);
            }
        }

        using var document = JsonDocument.Parse(line);
        var data = FlatData(document.RootElement);
        var recordHash = ComputeHash(previousHash, sequence, data, key);
        var buffer = new ArrayBufferWriter<byte>(data.Length + 200);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!IsChainField(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteNumber("seq", sequence);
            writer.WriteString("prev", previousHash);
            writer.WriteString("hash", recordHash);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The hashed bytes of a flat record: its fields other than <c>seq</c>, <c>prev</c> and <c>hash</c>, compact and in order.</summary>
    internal static byte[] FlatData(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException("A chained record must be a JSON object.", nameof(record));
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in record.EnumerateObject())
            {
                if (!IsChainField(property.Name))
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool IsChainField(string name) => name is "seq" or "prev" or "hash";

    /// <summary>The hash of a record: SHA-256 (or HMAC-SHA256 with <paramref name="key"/>) over the previous hash's bytes and <c>{"seq":n,"data":…}</c>.</summary>
    public static string ComputeHash(string previousHash, long sequence, ReadOnlySpan<byte> compactData, byte[]? key)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        var prefix = Encoding.ASCII.GetBytes($"{{\"seq\":{sequence},\"data\":");
        var length = HashBytes + prefix.Length + compactData.Length + 1;
        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var span = rented.AsSpan(0, length);
            if (previousHash.Length != HashBytes * 2 || Convert.FromHexString(previousHash, span[..HashBytes], out _, out _) != OperationStatus.Done)
            {
                // A malformed link still hashes deterministically, so it can never match a well-formed one.
                SHA256.HashData(Encoding.UTF8.GetBytes(previousHash), span[..HashBytes]);
            }

            prefix.CopyTo(span[HashBytes..]);
            compactData.CopyTo(span[(HashBytes + prefix.Length)..]);
            span[^1] = (byte)'}';
            Span<byte> hash = stackalloc byte[HashBytes];
            if (key is null)
            {
                SHA256.HashData(span, hash);
            }
            else
            {
                HMACSHA256.HashData(key, span, hash);
            }

            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static byte[] Compact(string dataJson)
    {
        ArgumentNullException.ThrowIfNull(dataJson);
        try
        {
            using var document = JsonDocument.Parse(dataJson);
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                document.RootElement.WriteTo(writer);
            }

            return buffer.WrittenSpan.ToArray();
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"The record data is not valid JSON: {ex.Message}", nameof(dataJson), ex);
        }
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, ProofRecord record, byte[] data)
    {
        Append(buffer, $"{{\"seq\":{record.Sequence},\"prev\":\"{record.PreviousHash}\",\"data\":");
        buffer.Write(data);
        Append(buffer, $",\"hash\":\"{record.Hash}\"}}\n");
    }

    private static void Append(ArrayBufferWriter<byte> buffer, string ascii)
    {
        var span = buffer.GetSpan(ascii.Length);
        var written = Encoding.ASCII.GetBytes(ascii, span);
        buffer.Advance(written);
    }

    // The chain file itself is the lock: other writers wait (bounded by LockTimeout) until this append is done.
    private FileStream OpenLocked() => FileLock.Open(Path, timeout: LockTimeout);

    private static (long Seq, string Hash) ReadTail(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return (0, GenesisHash);
        }

        var chunk = new byte[Math.Min(length, 4096)];
        stream.Seek(length - 1, SeekOrigin.Begin);
        if (stream.ReadByte() != '\n')
        {
            throw new InvalidDataException($"The last line of proof chain '{stream.Name}' is incomplete; run 'hologram verify' and repair the file before appending.");
        }

        // Walk backwards to the newline before the last line.
        var end = length - 1;
        var position = end;
        var tail = new List<byte[]>();
        while (position > 0)
        {
            var size = (int)Math.Min(chunk.Length, position);
            position -= size;
            stream.Seek(position, SeekOrigin.Begin);
            stream.ReadExactly(chunk, 0, size);
            var newline = Array.LastIndexOf(chunk, (byte)'\n', size - 1, size);
            if (newline >= 0)
            {
                tail.Insert(0, chunk[(newline + 1)..size]);
                break;
            }

            tail.Insert(0, chunk[..size]);
        }

        var line = tail.SelectMany(b => b).ToArray();
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return (root.GetProperty("seq").GetInt64(), root.GetProperty("hash").GetString() ?? throw new InvalidDataException("null hash"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"The last record of proof chain '{stream.Name}' is not readable: {ex.Message}", ex);
        }
    }
}
