using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Hologram.Testing.History.Spool;

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

    /// <summary>
    /// <see cref="Options"/> for writing, with the spool's records and the categories column described by generated
    /// metadata: building it by reflection on first use cost every test process about 100 ms before its first test (the
    /// run line is the journal's first record). Reading keeps <see cref="Options"/>, whose metadata leaves a property
    /// missing from a line at its initial value.
    /// </summary>
    public static readonly JsonSerializerOptions WriteOptions = new(Options)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(HistoryJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    };
}

/// <summary>Generated serialization metadata for the types the journal and the store write on every run.</summary>
[JsonSerializable(typeof(SpoolRecord))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
