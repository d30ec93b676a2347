using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hologram.Testing.Execution;

/// <summary>
/// A fixed assignment of tests to shards, balanced by their recorded durations (longest first, each to the currently
/// lightest shard). Every shard job of a CI build reads the same file (<c>reports/shard_plan.json</c>, made by
/// <c>hologram shard plan</c> and passed between jobs as an artifact or cache), so every test still runs in exactly one
/// shard; tests the plan does not know fall back to the stable hash of <see cref="ShardSpec"/>.
/// </summary>
public sealed class ShardPlan
{
    /// <summary>The file name under the reports directory.</summary>
    public const string FileName = Reports.ReportsLayout.ShardPlanFileName;

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private ShardPlan(int count, DateTimeOffset createdAt, IReadOnlyDictionary<string, int> assignments, IReadOnlyList<double> estimatedMs)
    {
        Count = count;
        CreatedAt = createdAt;
        Assignments = assignments;
        EstimatedMs = estimatedMs;
    }

    /// <summary>How many shards the plan is for.</summary>
    public int Count { get; }

    /// <summary>When the plan was made.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>Test id → 1-based shard index.</summary>
    public IReadOnlyDictionary<string, int> Assignments { get; }

    /// <summary>The summed recorded duration of each shard's tests, in milliseconds (index 0 = shard 1).</summary>
    public IReadOnlyList<double> EstimatedMs { get; }

    /// <summary>Balances tests over <paramref name="count"/> shards by duration (longest-processing-time first).</summary>
    /// <param name="durationsMs">Mean recorded duration per test id.</param>
    /// <param name="count">Number of shards.</param>
    /// <param name="createdAt">When the plan is made.</param>
    public static ShardPlan Create(IReadOnlyDictionary<string, double> durationsMs, int count, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(durationsMs);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var loads = new double[count];
        var assignments = new Dictionary<string, int>(durationsMs.Count, StringComparer.Ordinal);
        foreach (var (testId, duration) in durationsMs
            .OrderByDescending(d => d.Value)
            .ThenBy(d => d.Key, StringComparer.Ordinal))
        {
            var lightest = 0;
            for (var i = 1; i < count; i++)
            {
                if (loads[i] < loads[lightest])
                {
                    lightest = i;
                }
            }

            loads[lightest] += Math.Max(0, duration);
            assignments[testId] = lightest + 1;
        }

        return new ShardPlan(count, createdAt, assignments, loads);
    }

    /// <summary>The shard of a test: the plan's, or the hash fallback for a test the plan does not know.</summary>
    /// <param name="testId">The test id.</param>
    public int ShardOf(string testId)
    {
        ArgumentNullException.ThrowIfNull(testId);
        return Assignments.TryGetValue(testId, out var index) ? index : ShardSpec.HashIndex(testId, Count);
    }

    /// <summary>Writes the plan (atomically: a temporary file renamed over the target).</summary>
    /// <param name="path">The file to write.</param>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var document = new PlanDocument
        {
            Version = 1,
            Shards = Count,
            CreatedAt = CreatedAt,
            EstimatedMs = [.. EstimatedMs.Select(ms => Math.Round(ms, 1))],
            Tests = new SortedDictionary<string, int>(Assignments.ToDictionary(), StringComparer.Ordinal),
        };
        Sdk.AtomicFile.WriteText(path, JsonSerializer.Serialize(document, Json));
    }

    /// <summary>Loads a plan; null when the file does not exist.</summary>
    /// <param name="path">The plan file.</param>
    /// <exception cref="HologramConfigurationException">The file is not a valid plan (one line naming the file).</exception>
    public static ShardPlan? Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            return null;
        }

        PlanDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<PlanDocument>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"invalid JSON at line {(e.LineNumber ?? 0) + 1}");
        }

        if (document is null || document.Version != 1 || document.Shards < 1 || document.Tests is null)
        {
            throw Invalid(path, "is not a version 1 shard plan with 'shards' and 'tests'");
        }

        foreach (var (testId, index) in document.Tests)
        {
            if (index < 1 || index > document.Shards)
            {
                throw Invalid(path, string.Create(CultureInfo.InvariantCulture, $"assigns '{testId}' to shard {index}, outside 1..{document.Shards}"));
            }
        }

        return new ShardPlan(document.Shards, document.CreatedAt, new Dictionary<string, int>(document.Tests, StringComparer.Ordinal), document.EstimatedMs ?? []);
    }

    private static HologramConfigurationException Invalid(string path, string problem) =>
        new(key: "ShardPlan", value: null, origin: path, message: $"shard plan {path} {problem}; remake it with 'hologram shard plan' or delete it");

    private sealed class PlanDocument
    {
        public int Version { get; init; }

        public int Shards { get; init; }

        public DateTimeOffset CreatedAt { get; init; }

        public List<double>? EstimatedMs { get; init; }

        public IDictionary<string, int>? Tests { get; init; }
    }
}
