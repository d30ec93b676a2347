using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hologram.Testing.Chaos;

/// <summary>Writes JSON reports under <c>&lt;ReportsDir&gt;/chaos/</c>, every string value through <see cref="ChaosRedaction"/>.</summary>
internal static class ChaosReports
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="report"/> to <c>&lt;directory&gt;/&lt;name&gt;.json</c> (atomically: temp file, then rename); returns the path.</summary>
    public static string Write(string? directory, string name, JsonObject report)
    {
        var path = Path.Combine(ChaosPaths.ReportsDirectory(directory), ChaosPaths.SafeName(name) + ".json");
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, Redacted(report)!.ToJsonString(Indented));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static JsonNode? Redacted(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    o[key] = Redacted(o[key]?.DeepClone());
                }

                return o;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    a[i] = Redacted(a[i]?.DeepClone());
                }

                return a;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(ChaosRedaction.Redact(s));
            default:
                return node;
        }
    }
}
