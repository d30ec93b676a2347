using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf;

/// <summary><c>reports/perf/baseline.json</c>: a set of stored measurements that later runs are compared with.</summary>
public sealed class PerfBaseline
{
    /// <summary>The file format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>The file format version this version writes and reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>When the baseline was written.</summary>
    public DateTimeOffset Created { get; init; }

    /// <summary>The commit the baseline was taken on, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The measurements, each with its estimates, bounds, samples and environment fingerprint.</summary>
    public IReadOnlyList<PerfRecord> Measurements { get; init; } = [];

    /// <summary>The baseline path under a reports directory: <c>&lt;reportsDir&gt;/perf/baseline.json</c>.</summary>
    /// <param name="reportsDir">The reports directory.</param>
    /// <returns>The path.</returns>
    public static string DefaultPath(string reportsDir) => new ReportsLayout(reportsDir).PerfBaseline;

    /// <summary>The latest record of every measurement under a reports directory (from <c>perf/samples/</c>), by name then phase.</summary>
    /// <param name="reportsDir">The reports directory.</param>
    /// <returns>The records.</returns>
    /// <exception cref="InvalidDataException">A file is not a usable record (malformed JSON, no samples, estimates that are not durations); the message names it.</exception>
    public static IReadOnlyList<PerfRecord> LatestRecords(string reportsDir)
    {
        var directory = new ReportsLayout(reportsDir).PerfSamplesDirectory;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, "*.json")
            .Order(StringComparer.Ordinal)
            .Select(PerfRecordCheck.Read)
            .OrderBy(r => r.Name, StringComparer.Ordinal)
            .ThenBy(r => r.Phase)
            .ToList();
    }

    /// <summary>A baseline of the latest record of every measurement under <paramref name="reportsDir"/>.</summary>
    /// <param name="reportsDir">The reports directory.</param>
    /// <param name="commit">The commit to note.</param>
    /// <returns>The baseline.</returns>
    public static PerfBaseline FromLatest(string reportsDir, string? commit = null) => new()
    {
        Created = DateTimeOffset.UtcNow,
        Commit = commit,
        Measurements = LatestRecords(reportsDir),
    };

    /// <summary>Reads a baseline file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline.</returns>
    /// <exception cref="InvalidDataException">
    /// The file is not a usable baseline: malformed, another format version, no measurements, or a measurement without
    /// samples or with estimates that are not durations (a gate against it would pass or be inconclusive for no reason).
    /// </exception>
    public static PerfBaseline Load(string path)
    {
        PerfBaseline? baseline;
        try
        {
            baseline = PerfJson.Read<PerfBaseline>(path);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a perf baseline: {string.Join(' ', ex.Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))}", ex);
        }

        if (baseline is null)
        {
            throw new InvalidDataException($"{path} is not a perf baseline: it is empty (null)");
        }

        if (baseline.Version != CurrentVersion)
        {
            throw new InvalidDataException($"{path} is a perf baseline of format version {baseline.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)}; this version reads version {CurrentVersion} (write it again with 'hologram perf baseline')");
        }

        if (baseline.Measurements is not { Count: > 0 })
        {
            throw new InvalidDataException($"{path} is not a usable perf baseline: it holds no measurements (write it with 'hologram perf baseline')");
        }

        foreach (var record in baseline.Measurements)
        {
            var problem = record is null ? "a measurement is null" : PerfRecordCheck.Problem(record);
            if (problem is not null)
            {
                throw new InvalidDataException($"{path} is not a usable perf baseline: {problem}");
            }
        }

        return baseline;
    }

    /// <summary>Reads a baseline file, or returns <see langword="null"/> when it does not exist.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The baseline or <see langword="null"/>.</returns>
    public static PerfBaseline? LoadOrNull(string path) => File.Exists(path) ? Load(path) : null;

    /// <summary>Writes the baseline (atomically).</summary>
    /// <param name="path">The file.</param>
    public void Save(string path) => PerfJson.WriteAtomically(path, this);

    /// <summary>
    /// The entry <paramref name="candidate"/> gates against: of its name and phase, the one of its environment
    /// (<see cref="EnvironmentFingerprint.Key"/>) and profile, else of its environment, else any (whose differing
    /// fingerprint makes the gate inconclusive), or <see langword="null"/>. So dev, CI and nightly machines, and each
    /// profile, keep their own baselines in one file.
    /// </summary>
    /// <param name="candidate">The measurement to compare.</param>
    /// <returns>The entry or <see langword="null"/>.</returns>
    public PerfRecord? FindFor(PerfRecord candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var same = Measurements.Where(m => m.Phase == candidate.Phase && string.Equals(m.Name, candidate.Name, StringComparison.OrdinalIgnoreCase)).ToList();
        var key = candidate.Environment.Key;
        var environment = same.Where(m => string.Equals(m.Environment.Key, key, StringComparison.Ordinal)).ToList();
        return environment.LastOrDefault(m => string.Equals(m.Profile, candidate.Profile, StringComparison.OrdinalIgnoreCase))
            ?? environment.LastOrDefault()
            ?? same.LastOrDefault();
    }

    /// <summary>
    /// This baseline with <paramref name="records"/> in place of the entries of the same name, phase, environment and
    /// profile; the entries of other environments and profiles are kept.
    /// </summary>
    /// <param name="records">The new entries.</param>
    /// <param name="created">When the new baseline is written.</param>
    /// <param name="commit">The commit it is taken on.</param>
    /// <returns>The merged baseline.</returns>
    public PerfBaseline RollForward(IReadOnlyList<PerfRecord> records, DateTimeOffset created, string? commit)
    {
        ArgumentNullException.ThrowIfNull(records);
        var kept = Measurements.Where(m => !records.Any(r => SameSlot(m, r)));
        return new PerfBaseline
        {
            Created = created,
            Commit = commit,
            Measurements = [.. kept.Concat(records).OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Phase).ThenBy(r => r.Profile, StringComparer.Ordinal)],
        };
    }

    private static bool SameSlot(PerfRecord a, PerfRecord b) =>
        a.Phase == b.Phase && string.Equals(a.Name, b.Name, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Profile, b.Profile, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.Environment.Key, b.Environment.Key, StringComparison.Ordinal);

    /// <summary>The entry of a measurement and phase (name compared case-insensitively), or <see langword="null"/>.</summary>
    /// <param name="name">The measurement name.</param>
    /// <param name="phase">Warm or cold.</param>
    /// <returns>The entry or <see langword="null"/>.</returns>
    public PerfRecord? Find(string name, PerfPhase phase) =>
        Measurements.LastOrDefault(m => m.Phase == phase && string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
}
