using System.Text.Json;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Reads the JSON reports under <c>reports/chaos</c> with <see cref="ChaosReportFile.Read"/> (<c>chaos_experiment</c> and <c>load_ramp</c>); other files are skipped.</summary>
internal static class ChaosReader
{
    public static ChaosSection Read(HologramOptions options)
    {
        var directory = ReportsLayout.For(options).ChaosDirectory;
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        var experiments = new List<ChaosExperimentRow>();
        var ramps = new List<LoadRampRow>();
        var problems = new List<string>();
        foreach (var file in files)
        {
            try
            {
                switch (ChaosReportFile.Read(file))
                {
                    case ChaosExperimentFile experiment:
                        experiments.Add(Experiment(experiment, Path.GetFileNameWithoutExtension(file)));
                        break;
                    case LoadRampFile ramp:
                        ramps.Add(Ramp(ramp, Path.GetFileNameWithoutExtension(file)));
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

    private static ChaosExperimentRow Experiment(ChaosExperimentFile e, string fallbackName) => new()
    {
        Name = e.Name ?? fallbackName,
        StartedAt = e.StartedAt,
        DurationMs = e.DurationMs,
        Operations = e.Operations,
        Failures = e.Failures,
        SuccessRate = e.SuccessRate,
        Phases = [.. Entries(e.Phases).Select(p => (p.Phase ?? "?", p.Operations, p.Failures, p.SuccessRate))],
        Recovered = e.Recovered,
        RecoveryMs = e.RecoveryMs,
        AcknowledgedWrites = e.AcknowledgedWrites,
        LostWrites = Entries(e.LostWrites).Count(),
        CorruptedWrites = Entries(e.CorruptedWrites).Count(),
        MinSuccessRate = e.Thresholds?.MinSuccessRate,
        MaxRecoveryMs = e.Thresholds?.MaxRecoveryMs,
        Violations = [.. Entries(e.Violations)],
        Passed = e.Passed ?? !Entries(e.Violations).Any(),
    };

    private static LoadRampRow Ramp(LoadRampFile r, string fallbackName) => new()
    {
        Name = r.Name ?? fallbackName,
        Steps = [.. Entries(r.Steps).Select(s => (s.Concurrency, s.Requests, s.ErrorRate, s.ThroughputPerSecond, s.P95Ms))],
        KneeConcurrency = r.KneeConcurrency,
        KneeReason = r.KneeReason,
    };

    // A hand-edited file may hold null where a list or an entry belongs: read it as missing.
    private static IEnumerable<T> Entries<T>(IReadOnlyList<T>? list)
        where T : class =>
        list?.OfType<T>() ?? [];
}
