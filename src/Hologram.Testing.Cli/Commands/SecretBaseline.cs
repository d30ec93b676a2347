using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// Accepted findings of <c>hologram secrets scan</c>: file, kind and an HMAC-SHA256 of the secret keyed with a random salt
/// stored in the file, so the baseline neither contains the secrets nor lets anyone test guesses against a plain hash table.
/// </summary>
internal sealed class SecretBaseline
{
    private const int SaltBytes = 32;

    /// <summary>The file format version this version reads and writes.</summary>
    private const int Version = 1;
    private readonly HashSet<(string File, string Kind, string Hash)> _entries = [];

    private SecretBaseline(byte[] salt) => Salt = salt;

    public byte[] Salt { get; }

    public int Count => _entries.Count;

    /// <summary>A baseline with the same salt and no findings.</summary>
    public SecretBaseline Emptied() => new(Salt);

    public static SecretBaseline CreateNew() => new(RandomNumberGenerator.GetBytes(SaltBytes));

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
                baseline._entries.Add((entry.GetProperty("file").GetString()!, entry.GetProperty("kind").GetString()!, entry.GetProperty("hash").GetString()!));
            }

            return baseline;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or InvalidDataException)
        {
            throw new InvalidDataException($"baseline '{path}' is not a secrets baseline: {ex.Message}", ex);
        }
    }

    public string Hash(string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(Salt, Encoding.UTF8.GetBytes(secret)));

    public bool Contains(string file, string kind, string secret) => _entries.Contains((file, kind, Hash(secret)));

    public void Add(string file, string kind, string secret) => _entries.Add((file, kind, Hash(secret)));

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
        writer.WriteEndObject();
    });
}
