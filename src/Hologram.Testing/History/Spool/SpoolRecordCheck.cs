namespace Hologram.Testing.History.Spool;

/// <summary>
/// Decides whether a spool record can be loaded: every field the store requires is present and in range. A record that
/// fails is set aside with the reason instead of failing the load of everything after it.
/// </summary>
internal static class SpoolRecordCheck
{
    /// <summary>Why <paramref name="record"/> cannot be loaded, or null when it can.</summary>
    public static string? Problem(SpoolRecord record) => record.Type switch
    {
        SpoolRecord.RunType => record.Run is { } run ? RunProblem(run) : "a run record without its run",
        SpoolRecord.AttemptType => record.Attempt is { } attempt ? AttemptProblem(attempt) : "an attempt record without its attempt",
        SpoolRecord.FlakeType => record.Flake is { } flake ? FlakeProblem(flake) : "a flake record without its flake event",
        SpoolRecord.PerfType => record.Perf is { } perf ? PerfProblem(perf) : "a perf record without its measurement",
        SpoolRecord.EndType => string.IsNullOrWhiteSpace(record.RunId) ? "an end record without runId"
            : record.EndedAt is null ? "an end record without endedAt" : null,
        _ => $"unknown record type '{record.Type}'",
    };

    private static string? RunProblem(RunInfo run) =>
        Missing("run", ("runId", run.RunId), ("profile", run.Profile), ("host", run.Host), ("framework", run.Framework), ("assembly", run.Assembly))
        ?? (run.StartedAt == default ? "a run without startedAt" : null);

    private static string? AttemptProblem(TestAttempt attempt)
    {
        if (Missing("attempt", ("runId", attempt.RunId), ("testId", attempt.TestId)) is { } missing)
        {
            return missing;
        }

        if (attempt.DisplayName is null || attempt.ClassName is null)
        {
            return $"attempt of {attempt.TestId} has no {(attempt.DisplayName is null ? "displayName" : "className")}";
        }

        if (attempt.Categories is null || attempt.Categories.Any(c => c is null))
        {
            return $"attempt of {attempt.TestId} has a null category";
        }

        if (attempt.Attempt < 1)
        {
            return $"attempt of {attempt.TestId} has attempt number {attempt.Attempt} (must be 1 or more)";
        }

        if (!Enum.IsDefined(attempt.Outcome))
        {
            return $"attempt of {attempt.TestId} has an unknown outcome";
        }

        if (!double.IsFinite(attempt.DurationMs) || attempt.DurationMs < 0)
        {
            return $"attempt of {attempt.TestId} has duration {attempt.DurationMs} ms";
        }

        return attempt.FinishedAt == default ? $"attempt of {attempt.TestId} has no finishedAt" : null;
    }

    private static string? FlakeProblem(FlakeEvent flake) =>
        Missing("flake event", ("runId", flake.RunId), ("testId", flake.TestId))
        ?? (!Enum.IsDefined(flake.Kind) ? $"flake event of {flake.TestId} has an unknown kind"
            : flake.DetectedAt == default ? $"flake event of {flake.TestId} has no detectedAt" : null);

    private static string? PerfProblem(PerfHistoryEntry perf)
    {
        if (Missing("perf measurement", ("runId", perf.RunId), ("name", perf.Name), ("phase", perf.Phase), ("profile", perf.Profile), ("environment", perf.Environment)) is { } missing)
        {
            return missing;
        }

        if (perf.Samples < 1)
        {
            return $"perf measurement {perf.Name} has {perf.Samples} samples (must be 1 or more)";
        }

        if (!double.IsFinite(perf.P50Ms) || !double.IsFinite(perf.P95Ms) || !double.IsFinite(perf.MeanMs) || double.IsNaN(perf.P95LowerMs) || double.IsNaN(perf.P95UpperMs))
        {
            return $"perf measurement {perf.Name} has an estimate that is not a number";
        }

        return perf.MeasuredAt == default ? $"perf measurement {perf.Name} has no measuredAt" : null;
    }

    private static string? Missing(string what, params (string Name, string? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return $"{what} without {name}";
            }
        }

        return null;
    }
}
