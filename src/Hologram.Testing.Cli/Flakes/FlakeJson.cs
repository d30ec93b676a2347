using System.Text.Json;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>The JSON shapes of flake reports and exports: camelCase names, UTC ISO 8601 times, null for absent values.</summary>
internal static class FlakeJson
{
    public static readonly JsonWriterOptions Indented = new() { Indented = true };

    /// <summary>Writes the properties of one test summary (inside an object the caller opened).</summary>
    public static void WriteSummaryProperties(Utf8JsonWriter writer, TestSummary summary)
    {
        writer.WriteString("testId", summary.TestId);
        writer.WriteString("displayName", summary.DisplayName);
        writer.WriteNumber("runs", summary.Runs);
        writer.WriteNumber("failures", summary.Failures);
        writer.WriteNumber("flakes", summary.Flakes);
        writer.WriteNumber("flakeRate", Math.Round(summary.FlakeRate, 4));
        WriteTime(writer, "lastFlake", summary.LastFlake);
        writer.WriteString("signature", summary.LastSignature);
        writer.WritePropertyName("quarantine");
        if (summary.Quarantine is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            WriteQuarantine(writer, summary.Quarantine, includeTestId: false);
        }
    }

    /// <summary>Writes a quarantine entry as an object.</summary>
    public static void WriteQuarantine(Utf8JsonWriter writer, QuarantineEntry entry, bool includeTestId)
    {
        writer.WriteStartObject();
        if (includeTestId)
        {
            writer.WriteString("testId", entry.TestId);
        }

        WriteTime(writer, "since", entry.Since);
        writer.WriteString("reason", entry.Reason);
        writer.WriteString("by", entry.By);
        writer.WriteBoolean("manual", entry.Manual);
        WriteTime(writer, "until", entry.Until);
        writer.WriteEndObject();
    }

    /// <summary>Writes a flake event as an object.</summary>
    public static void WriteFlake(Utf8JsonWriter writer, FlakeEvent flake)
    {
        writer.WriteStartObject();
        writer.WriteString("runId", flake.RunId);
        writer.WriteString("commit", flake.Commit);
        writer.WriteString("kind", Kind(flake.Kind));
        WriteTime(writer, "detectedAt", flake.DetectedAt);
        writer.WriteString("signature", flake.ErrorSignature);
        writer.WriteEndObject();
    }

    /// <summary>The stable JSON name of a flake kind.</summary>
    public static string Kind(FlakeKind kind) => kind switch
    {
        FlakeKind.PassedOnRetry => "passedOnRetry",
        FlakeKind.DifferentOutcomeSameCommit => "differentOutcomeSameCommit",
        _ => kind.ToString(),
    };

    /// <summary>Writes a UTC time, or null.</summary>
    public static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            writer.WriteString(name, v.ToUniversalTime());
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
