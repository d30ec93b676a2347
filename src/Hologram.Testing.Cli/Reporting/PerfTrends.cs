using Hologram.Testing.History;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>A sustained shift in one series, with the measurements on either side of it (the commit after it is to blame).</summary>
/// <param name="Change">The change point; its index is into the series' points.</param>
/// <param name="First">The first measurement at the new level: its commit is the first commit after the shift.</param>
/// <param name="LastBefore">The last measurement at the old level.</param>
internal sealed record PerfTrendShift(ChangePoint Change, PerfHistoryEntry First, PerfHistoryEntry LastBefore)
{
    /// <summary>One line: what moved, by how much, since which commit.</summary>
    public string Describe(string label) =>
        $"{label}: p95 {PerfFormatting.Ms(Change.Before)} → {PerfFormatting.Ms(Change.After)} ({PerfFormatting.Signed(Change.ChangePct)}) "
        + $"from {ReportText.Time(First.MeasuredAt)} UTC, first commit after the shift {ReportText.Commit(First.Commit ?? string.Empty)}"
        + $" (last before: {ReportText.Commit(LastBefore.Commit ?? string.Empty)}), p = {Change.PValue.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>One measurement's history in one phase, profile and environment (the unit change points are found in).</summary>
internal sealed record PerfTrendSeries(string Name, string Phase, string Profile, string Environment, IReadOnlyList<PerfHistoryEntry> Points, IReadOnlyList<PerfTrendShift> Shifts)
{
    /// <summary>The name, with the phase when cold, and the profile.</summary>
    public string Label => (Phase == "cold" ? $"{Name} (cold)" : Name) + $" [{Profile}]";
}

/// <summary>Change points over the perf history: per series, on p95, each shift tied to the commits around it.</summary>
internal static class PerfTrends
{
    /// <summary>A change point is new (listed in the job summary) when its first measurement is at most this many days old.</summary>
    public const int NewWithinDays = 7;

    /// <summary>
    /// Splits <paramref name="entries"/> into series (name, phase, profile, environment; the last measurement of each
    /// run, so a re-measurement does not count twice) and finds each one's change points.
    /// </summary>
    public static IReadOnlyList<PerfTrendSeries> Analyse(IReadOnlyList<PerfHistoryEntry> entries, ChangePointOptions? options = null)
    {
        var series = new List<PerfTrendSeries>();
        foreach (var group in entries
            .GroupBy(e => (e.Name, Phase: e.Phase.ToLowerInvariant(), e.Profile, e.Environment))
            .OrderBy(g => g.Key.Name, StringComparer.Ordinal).ThenBy(g => g.Key.Phase, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Profile, StringComparer.Ordinal).ThenBy(g => g.Key.Environment, StringComparer.Ordinal))
        {
            var points = LastPerRun(group);
            var key = $"{group.Key.Name}|{group.Key.Phase}|{group.Key.Profile}|{group.Key.Environment}";
            series.Add(new PerfTrendSeries(group.Key.Name, group.Key.Phase, group.Key.Profile, group.Key.Environment, points, Shifts(points, key, options)));
        }

        return series;
    }

    /// <summary>The change points of <paramref name="points"/>' p95, seeded by <paramref name="key"/> so a rerun gives the same result.</summary>
    public static IReadOnlyList<PerfTrendShift> Shifts(IReadOnlyList<PerfHistoryEntry> points, string key, ChangePointOptions? options = null)
    {
        options ??= new ChangePointOptions();
        var found = ChangePointDetector.Detect(points.Select(p => p.P95Ms).ToArray(), options with { Seed = StableSeed(key) });
        return [.. found.Select(c => new PerfTrendShift(c, points[c.Index], points[c.Index - 1]))];
    }

    /// <summary>The last measurement of each run, oldest first.</summary>
    public static IReadOnlyList<PerfHistoryEntry> LastPerRun(IEnumerable<PerfHistoryEntry> entries)
    {
        var points = new List<PerfHistoryEntry>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries.OrderBy(e => e.MeasuredAt))
        {
            if (index.TryGetValue(entry.RunId, out var at))
            {
                points[at] = entry;
            }
            else
            {
                index[entry.RunId] = points.Count;
                points.Add(entry);
            }
        }

        return points;
    }

    private static int StableSeed(string key)
    {
        // FNV-1a: the same on every machine and process (string.GetHashCode is randomised per process).
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & 0x7fffffff);
    }
}

/// <summary>Durations and signed percentages as the perf commands print them.</summary>
internal static class PerfFormatting
{
    public static string Ms(double ms) => Commands.PerfCommand.Duration(ms);

    public static string Signed(double pct) =>
        double.IsNaN(pct) ? "-" : (pct >= 0 ? "+" : "−") + Math.Abs(pct).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
