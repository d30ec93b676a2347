using System.Globalization;
using System.Text.Json;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Reads the JSON reports under <c>reports/chaos</c> (<c>chaos_experiment</c> and <c>load_ramp</c>); other files are skipped.</summary>
internal static class ChaosReader
{
    public static ChaosSection Read(HologramOptions options)
    {
        var directory = Path.Combine(options.ReportsDir, "chaos");
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        var experiments = new List<ChaosExperimentRow>();
        var ramps = new List<LoadRampRow>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(file));
                var root = document.RootElement;
                switch (String(root, "kind"))
                {
                    case "chaos_experiment":
                        experiments.Add(Experiment(root, Path.GetFileNameWithoutExtension(file)));
                        break;
                    case "load_ramp":
                        ramps.Add(Ramp(root, Path.GetFileNameWithoutExtension(file)));
                        break;
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
            {
                problems.Add($"{Path.GetFileName(file)}: {ReportText.OneLine(ex.Message)}");
            }
        }

        return new ChaosSection
        {
            Missing = experiments.Count + ramps.Count == 0
                ? $"No chaos reports under {directory}. Run [Phase9Chaos] tests with Hologram.Testing.Chaos (ChaosExperiment.RunAsync() and LoadRamp.RunAsync() write chaos/<name>.json)."
                : null,
            Experiments = experiments,
            Ramps = ramps,
            Problems = problems,
        };
    }

    private static ChaosExperimentRow Experiment(JsonElement e, string fallbackName)
    {
        var phases = new List<(string, long, long, double)>();
        if (e.TryGetProperty("phases", out var p) && p.ValueKind == JsonValueKind.Array)
        {
            foreach (var phase in p.EnumerateArray())
            {
                phases.Add((String(phase, "phase") ?? "?", Long(phase, "operations"), Long(phase, "failures"), Double(phase, "success_rate") ?? 0));
            }
        }

        var violations = new List<string>();
        if (e.TryGetProperty("violations", out var v) && v.ValueKind == JsonValueKind.Array)
        {
            violations.AddRange(v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
        }

        var thresholds = e.TryGetProperty("thresholds", out var t) && t.ValueKind == JsonValueKind.Object ? t : default;
        return new ChaosExperimentRow
        {
            Name = String(e, "name") ?? fallbackName,
            StartedAt = String(e, "started_at") is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null,
            DurationMs = Double(e, "duration_ms") ?? 0,
            Operations = Long(e, "operations"),
            Failures = Long(e, "failures"),
            SuccessRate = Double(e, "success_rate") ?? 0,
            Phases = phases,
            Recovered = e.TryGetProperty("recovered", out var r) && r.ValueKind == JsonValueKind.True,
            RecoveryMs = Double(e, "recovery_ms") ?? 0,
            AcknowledgedWrites = Long(e, "acknowledged_writes"),
            LostWrites = Count(e, "lost_writes"),
            CorruptedWrites = Count(e, "corrupted_writes"),
            MinSuccessRate = thresholds.ValueKind == JsonValueKind.Object ? Double(thresholds, "min_success_rate") : null,
            MaxRecoveryMs = thresholds.ValueKind == JsonValueKind.Object ? Double(thresholds, "max_recovery_ms") : null,
            Violations = violations,
            Passed = e.TryGetProperty("passed", out var ok) ? ok.ValueKind == JsonValueKind.True : violations.Count == 0,
        };
    }

    private static LoadRampRow Ramp(JsonElement e, string fallbackName)
    {
        var steps = new List<(int, long, double, double, double)>();
        if (e.TryGetProperty("steps", out var s) && s.ValueKind == JsonValueKind.Array)
        {
            foreach (var step in s.EnumerateArray())
            {
                steps.Add(((int)Long(step, "concurrency"), Long(step, "requests"), Double(step, "error_rate") ?? 0, Double(step, "throughput_per_s") ?? 0, Double(step, "p95_ms") ?? 0));
            }
        }

        return new LoadRampRow
        {
            Name = String(e, "name") ?? fallbackName,
            Steps = steps,
            KneeConcurrency = e.TryGetProperty("knee_concurrency", out var k) && k.ValueKind == JsonValueKind.Number ? k.GetInt32() : null,
            KneeReason = String(e, "knee_reason"),
        };
    }

    private static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Double(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static long Long(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? (long)v.GetDouble() : 0;

    private static int Count(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array ? v.GetArrayLength() : 0;
}
