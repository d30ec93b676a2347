using Hologram.Testing.Execution;

namespace Hologram.Testing.Sdk;

/// <summary>
/// Decides, before a test runs, whether it belongs to this shard and whether the active profile skips it.
/// Shared by every test-framework adapter so all of them select the same tests.
/// </summary>
public sealed class TestSelection
{
    private readonly HologramOptions _options;
    private readonly ShardPlan? _plan;

    /// <summary>Creates the selection for a run with the given options.</summary>
    /// <param name="options">The run's configuration.</param>
    /// <param name="plan">A duration-balanced shard plan; used only when it is for the configured number of shards.</param>
    public TestSelection(HologramOptions options, ShardPlan? plan = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _plan = plan is not null && options.Shard is { } shard && plan.Count == shard.Count ? plan : null;
    }

    /// <summary>
    /// True when the run is split into shards. Without shards every test runs here: an adapter need not build test ids
    /// to ask <see cref="InShard"/> (on large suites, building them up front is a cost of its own).
    /// </summary>
    public bool IsSharded => _options.Shard is not null;

    /// <summary>True when a duration-balanced shard plan decides the shards.</summary>
    public bool UsesShardPlan => _plan is not null;

    /// <summary>True when the test with <paramref name="testId"/> runs in this process's shard (always, without sharding).</summary>
    /// <param name="testId">The stable test id (see <see cref="TestIds"/>).</param>
    public bool InShard(string testId) => _options.Shard is not { } shard
        || (_plan is not null ? _plan.ShardOf(testId) == shard.Index : shard.Includes(testId));

    /// <summary>The reason the profile skips a test with these categories, or null when it runs.</summary>
    /// <param name="categories">The test's <c>Category</c> trait values.</param>
    public string? ProfileSkipReason(IEnumerable<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        if (_options.SkipNoCi && categories.Contains(HologramCategories.NoCi, StringComparer.OrdinalIgnoreCase))
        {
            return $"[NoCi] test skipped under profile '{_options.Profile}' (it runs under profiles that allow it, e.g. nightly or dev)";
        }

        return null;
    }
}
