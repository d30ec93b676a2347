using System.Security.Cryptography;
using System.Text.Json;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Security;

/// <summary>
/// The secrets baseline file (<c>.secrets-baseline.json</c>): accepted findings of <c>hologram secrets scan</c> (file, kind
/// and an HMAC-SHA256 of the secret keyed with a random salt stored in the file) and known-fake values accepted anywhere
/// (kind and keyed hash), so the file neither contains the secrets nor lets anyone test guesses against a plain hash table.
/// </summary>
internal sealed class SecretBaseline
{
    private const int SaltBytes = 32;

    /// <summary>The file format version this version reads and writes.</summary>
    private const int Version = 1;
    private readonly HashSet<(string File, string Kind, string Hash)> _entries = [];
    private readonly HashSet<(string Kind, string Hash)> _allowed = [];

    private SecretBaseline(byte[] salt) => Salt = salt;

    public byte[] Salt { get; }

    /// <summary>The number of accepted findings (file-bound).</summary>
    public int Count => _entries.Count;

    /// <summary>The number of known-fake values accepted in any file and by the redactor.</summary>
    public int AllowedCount => _allowed.Count;

    /// <summary>The known-fake values as an allow-list (the inline marker honoured too).</summary>
    public SecretAllowList AllowList => new(Salt, _allowed.Select(a => a.Hash), honorInlineMarker: true);

    /// <summary>A baseline with the same salt and known-fake values and no findings.</summary>
    public SecretBaseline Emptied()
    {
        var emptied = new SecretBaseline(Salt);
        emptied._allowed.UnionWith(_allowed);
        return emptied;
    }

    public static SecretBaseline CreateNew() => new(RandomNumberGenerator.GetBytes(SaltBytes));

    /// <summary>Reads a baseline; a missing, unreadable or malformed file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static SecretBaseline Load(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != Version)
            {
                throw new InvalidDataException($"it has format version {version}; this version reads version {Version} (it is left as it is)");
            }

            var salt = Convert.FromBase64String(root.GetProperty("salt").GetString() ?? string.Empty);
            if (salt.Length < 16)
            {
                throw new InvalidDataException("the salt is missing or shorter than 16 bytes");
            }

            var baseline = new SecretBaseline(salt);
            foreach (var entry in root.GetProperty("findings").EnumerateArray())
            {
                baseline._entries.Add((entry.GetProperty("file").GetString()!, entry.GetProperty("kind").GetString()!, Fingerprint(entry)));
            }

            if (root.TryGetProperty("allowed", out var allowed))
            {
                foreach (var entry in allowed.EnumerateArray())
                {
                    baseline._allowed.Add((entry.GetProperty("kind").GetString()!, Fingerprint(entry)));
                }
            }

            return baseline;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"baseline '{path}' is not a secrets baseline: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"baseline '{path}' cannot be read: {ex.Message}", ex);
        }
    }

    public string Hash(string secret) => SecretAllowList.Fingerprint(Salt, secret);

    /// <summary>True when the finding is accepted in this file, or its value is a known fake accepted anywhere.</summary>
    public bool Contains(string file, string kind, string secret)
    {
        var hash = Hash(secret);
        return _entries.Contains((file, kind, hash)) || _allowed.Contains((kind, hash));
    }

    public void Add(string file, string kind, string secret) => _entries.Add((file, kind, Hash(secret)));

    /// <summary>Accepts <paramref name="secret"/> as a known fake in every file and in the redactor; false when it already was.</summary>
    public bool Allow(string kind, string secret) => _allowed.Add((kind, Hash(secret)));

    /// <summary>Writes the baseline atomically: a failed write leaves the old file as it was.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream =>
    {
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteNumber("version", Version);
        writer.WriteString("algorithm", "HMAC-SHA256(salt, secret)");
        writer.WriteString("salt", Convert.ToBase64String(Salt));
        writer.WriteStartArray("findings");
        foreach (var (file, kind, hash) in _entries.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Hash, StringComparer.Ordinal))
        {
            writer.WriteStartObject();
            writer.WriteString("file", file);
            writer.WriteString("kind", kind);
            writer.WriteString("hash", hash);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (_allowed.Count > 0)
        {
            writer.WriteStartArray("allowed");
            foreach (var (kind, hash) in _allowed.OrderBy(e => e.Kind, StringComparer.Ordinal).ThenBy(e => e.Hash, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("kind", kind);
                writer.WriteString("hash", hash);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    });

    private static string Fingerprint(JsonElement entry)
    {
        var hash = entry.GetProperty("hash").GetString() ?? string.Empty;
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            throw new InvalidDataException($"hash '{hash}' is not 64 lower-case hex digits");
        }

        return hash;
    }
}
