using System.Text.Json;
using System.Text.Json.Serialization;
using Hologram.Testing.Sdk;
using Hologram.Testing.Security;

namespace Hologram.Testing.Reports;

/// <summary>
/// A JSON report under <c>&lt;ReportsDir&gt;/chaos/</c>: a <see cref="ChaosExperimentFile"/> (<c>"kind": "chaos_experiment"</c>)
/// or a <see cref="LoadRampFile"/> (<c>"kind": "load_ramp"</c>). The chaos package writes these files and the
/// <c>hologram</c> tool reads them with this one type, so both always agree on the format.
/// </summary>
public abstract record ChaosReportFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>A report of the given kind.</summary>
    /// <param name="kind">The value of <c>kind</c> in the file.</param>
    private protected ChaosReportFile(string kind) => Kind = kind;

    /// <summary>The experiment's or ramp's name (<c>name</c>); null when the file has none.</summary>
    [JsonPropertyName("name")]
    [JsonPropertyOrder(-2)]
    public string? Name { get; init; }

    /// <summary>What the file reports (<c>kind</c>): <see cref="ChaosExperimentFile.FileKind"/> or <see cref="LoadRampFile.FileKind"/>.</summary>
    [JsonPropertyName("kind")]
    [JsonPropertyOrder(-1)]
    public string Kind { get; }

    /// <summary>Reads a chaos report; null when the file is JSON of another kind (other files may share the folder).</summary>
    /// <param name="path">The file.</param>
    /// <returns>A <see cref="ChaosExperimentFile"/>, a <see cref="LoadRampFile"/> or null.</returns>
    /// <exception cref="JsonException">The file is not JSON, or a known kind with values of the wrong type.</exception>
    public static ChaosReportFile? Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        var kind = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kind", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
        return kind switch
        {
            ChaosExperimentFile.FileKind => root.Deserialize<ChaosExperimentFile>(Json),
            LoadRampFile.FileKind => root.Deserialize<LoadRampFile>(Json),
            _ => null,
        };
    }

    /// <summary>Writes the report, indented, every string (and property name) through <see cref="SecretRedactor.Default"/>, atomically.</summary>
    /// <param name="path">The file to write, e.g. <see cref="ReportsLayout.ChaosReport"/>.</param>
    public void Write(string path)
    {
        var node = JsonSerializer.SerializeToNode(this, GetType(), Json);
        AtomicFile.WriteText(path, SecretRedactor.Default.Redact(node)!.ToJsonString(Json));
    }
}
