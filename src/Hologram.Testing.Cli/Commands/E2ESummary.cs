using Hologram.Testing.E2E;

namespace Hologram.Testing.Cli.Commands;

/// <summary>The figures of <c>hologram e2e summary</c>: per step (in first-seen order) counts and duration percentiles, and the failed steps.</summary>
internal sealed record E2ESummary(int Events, int Runs, IReadOnlyList<E2EStepSummary> Steps, IReadOnlyList<E2EEvent> Failures)
{
    public static E2ESummary From(IReadOnlyList<E2EEvent> events)
    {
        var steps = events
            .GroupBy(e => e.Step, StringComparer.Ordinal)
            .Select(g =>
            {
                var durations = g.Where(e => e.DurationMs is not null).Select(e => e.DurationMs!.Value).Order().ToList();
                return new E2EStepSummary(
                    g.Key,
                    g.Count(),
                    g.Count(e => e.Status == E2EStatus.Pass),
                    g.Count(e => e.Status == E2EStatus.Fail),
                    g.Count(e => e.Status == E2EStatus.Skip),
                    Percentile(durations, 0.50),
                    Percentile(durations, 0.95));
            })
            .ToList();
        return new E2ESummary(
            events.Count,
            events.Select(e => e.RunId).Distinct(StringComparer.Ordinal).Count(),
            steps,
            [.. events.Where(e => e.Status == E2EStatus.Fail)]);
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolating linearly between order statistics.</summary>
    internal static double? Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0)
        {
            return null;
        }

        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = Math.Min(low + 1, sorted.Count - 1);
        return sorted[low] + ((rank - low) * (sorted[high] - sorted[low]));
    }
}

/// <summary>One step's line of the summary.</summary>
internal sealed record E2EStepSummary(string Step, int Total, int Passed, int Failed, int Skipped, double? P50, double? P95);
