using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>Writes a file atomically: to a temporary file next to it, then renamed over it.</summary>
    public static void WriteAtomically<T>(string path, T value)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(value, Options));
        File.Move(temporary, path, overwrite: true);
    }

    public static T? Read<T>(string path) => JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Options);
}
