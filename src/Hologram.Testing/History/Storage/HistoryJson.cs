using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hologram.Testing.History.Storage;

/// <summary>JSON settings shared by the store (categories column) and the spool files.</summary>
internal static class HistoryJson
{
    /// <summary>camelCase names, enums as camelCase strings, nulls omitted, one line per value.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
        // A perf bound the sample was too small to give is infinite; it is written as "Infinity" / "-Infinity".
        NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
