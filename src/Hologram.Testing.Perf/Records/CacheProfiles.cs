using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.Records;

/// <summary><c>reports/perf/cache_profiles.json</c>: the latest cold and warm profile of each measurement and their ratios.</summary>
internal static class CacheProfiles
{
    public static void Write(string reportsDir)
    {
        var layout = new ReportsLayout(reportsDir);
        var directory = layout.PerfSamplesDirectory;
        var latest = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory, "*.json").Select(TryRead).OfType<PerfRecord>().ToList()
            : [];
        var profiles = new SortedDictionary<string, CacheProfile>(StringComparer.Ordinal);
        foreach (var group in latest.GroupBy(r => r.Name, StringComparer.Ordinal))
        {
            var warm = group.FirstOrDefault(r => r.Phase == PerfPhase.Warm);
            var cold = group.FirstOrDefault(r => r.Phase == PerfPhase.Cold);
            if (cold is null)
            {
                continue;
            }

            profiles[group.Key] = new CacheProfile(
                Summary(cold),
                warm is null ? null : Summary(warm),
                warm is { P50: > 0 } ? cold.P50 / warm.P50 : null,
                warm is { P95: > 0 } ? cold.P95 / warm.P95 : null);
        }

        PerfJson.WriteAtomically(layout.PerfCacheProfiles, new CacheProfilesFile(DateTimeOffset.UtcNow, profiles));
    }

    private static PhaseSummary Summary(PerfRecord r) => new(r.N, r.P50, r.P95, r.Timestamp);

    private static PerfRecord? TryRead(string path)
    {
        try
        {
            return PerfJson.Read<PerfRecord>(path);
        }
        catch (Exception ex) when (ex is IOException or System.Text.Json.JsonException)
        {
            // A file being replaced or a foreign file: leave it out of the profile.
            return null;
        }
    }

    internal sealed record CacheProfilesFile(DateTimeOffset Updated, IDictionary<string, CacheProfile> Measurements);

    internal sealed record CacheProfile(PhaseSummary Cold, PhaseSummary? Warm, double? ColdWarmRatioP50, double? ColdWarmRatioP95);

    internal sealed record PhaseSummary(int N, double P50Ms, double P95Ms, DateTimeOffset Timestamp);
}
