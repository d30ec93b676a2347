using System.Text.Json;
using System.Text.Json.Serialization;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Perf.Records;

/// <summary>JSON settings of the perf files: camelCase, enums as lower-case strings, infinities as named literals.</summary>
internal static class PerfJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Writes a file atomically (<see cref="AtomicFile"/>): to a temporary file next to it, then renamed over it.</summary>
    public static void WriteAtomically<T>(string path, T value) => AtomicFile.Write(path, JsonSerializer.SerializeToUtf8Bytes(value, Options));

    public static T? Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options);
}
