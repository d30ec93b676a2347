using Hologram.Testing.Security;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hologram.Testing.Chaos;

/// <summary>Writes JSON reports under <c>&lt;ReportsDir&gt;/chaos/</c>, every string value through <see cref="SecretRedactor.Default"/>.</summary>
internal static class ChaosReports
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Writes <paramref name="report"/> to <c>&lt;directory&gt;/&lt;name&gt;.json</c> (atomically: temp file, then rename); returns the path.</summary>
    public static string Write(string? directory, string name, JsonObject report)
    {
        var path = Path.Combine(ChaosPaths.ReportsDirectory(directory), ChaosPaths.SafeName(name) + ".json");
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, SecretRedactor.Default.Redact(report)!.ToJsonString(Indented));
        File.Move(temp, path, overwrite: true);
        return path;
    }
}
