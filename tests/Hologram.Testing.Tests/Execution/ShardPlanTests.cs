using Hologram.Testing.Sdk;
using Hologram.Testing.Execution;
using Xunit;

namespace Hologram.Testing.Tests.Execution;

public sealed class ShardPlanTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _root = Directory.CreateTempSubdirectory("hologram-shardplan-").FullName;

    [Fact]
    public void Longest_tests_first_each_to_the_lightest_shard()
    {
        var durations = new Dictionary<string, double> { ["a"] = 50, ["b"] = 40, ["c"] = 30, ["d"] = 20, ["e"] = 10, ["f"] = 10 };

        var plan = ShardPlan.Create(durations, 2, Now);

        Assert.Equal(80, plan.EstimatedMs[0]);
        Assert.Equal(80, plan.EstimatedMs[1]);
        Assert.Equal(1, plan.ShardOf("a"));
        Assert.Equal(2, plan.ShardOf("b"));
    }

    [Fact]
    public void A_skewed_suite_is_far_better_balanced_than_by_hash()
    {
        var random = new Random(7);
        var durations = Enumerable.Range(0, 2000).ToDictionary(i => $"Ns.C{i / 50}.T{i}", _ => Math.Exp(random.NextDouble() * 8));

        var plan = ShardPlan.Create(durations, 4, Now);
        var byHash = new double[4];
        foreach (var (id, ms) in durations)
        {
            byHash[ShardSpec.HashIndex(id, 4) - 1] += ms;
        }

        var planSpread = plan.EstimatedMs.Max() / plan.EstimatedMs.Min();
        var hashSpread = byHash.Max() / byHash.Min();
        Assert.True(planSpread < 1.01, $"plan spread {planSpread:0.000}");
        Assert.True(planSpread < hashSpread, $"plan {planSpread:0.000} vs hash {hashSpread:0.000}");
    }

    [Fact]
    public void Every_test_is_in_exactly_one_shard_including_tests_the_plan_does_not_know()
    {
        var known = Enumerable.Range(0, 300).ToDictionary(i => $"known{i}", i => (double)(i % 17));
        var plan = ShardPlan.Create(known, 3, Now);
        var all = known.Keys.Concat(Enumerable.Range(0, 300).Select(i => $"new{i}")).ToList();

        foreach (var id in all)
        {
            var shards = Enumerable.Range(1, 3).Count(index => plan.ShardOf(id) == index);
            Assert.Equal(1, shards);
        }

        Assert.All(Enumerable.Range(0, 300).Select(i => $"new{i}"), id => Assert.Equal(ShardSpec.HashIndex(id, 3), plan.ShardOf(id)));
    }

    [Fact]
    public void Save_and_load_round_trip()
    {
        var path = Path.Combine(_root, "reports", ShardPlan.FileName);
        var plan = ShardPlan.Create(new Dictionary<string, double> { ["x"] = 3, ["y"] = 2, ["z"] = 1 }, 2, Now);

        plan.Save(path);
        var loaded = ShardPlan.Load(path)!;

        Assert.Equal(2, loaded.Count);
        Assert.Equal(Now, loaded.CreatedAt);
        Assert.Equal(plan.Assignments.OrderBy(a => a.Key), loaded.Assignments.OrderBy(a => a.Key));
        Assert.Null(ShardPlan.Load(Path.Combine(_root, "absent.json")));
    }

    [Theory]
    [InlineData("{ not json", "invalid JSON")]
    [InlineData("{\"version\": 2, \"shards\": 2, \"tests\": {}}", "is not a version 1 shard plan")]
    [InlineData("{\"version\": 1, \"shards\": 2, \"tests\": {\"a\": 3}}", "assigns 'a' to shard 3, outside 1..2")]
    public void A_broken_plan_fails_with_one_line_naming_the_file(string content, string expected)
    {
        var path = Path.Combine(_root, ShardPlan.FileName);
        File.WriteAllText(path, content);

        var error = Assert.Throws<HologramConfigurationException>(() => ShardPlan.Load(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_selection_uses_a_plan_only_for_the_configured_number_of_shards()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
        var plan = ShardPlan.Create(new Dictionary<string, double> { ["T.a"] = 1 }, 2, Now);
        var forPlan = Options("2/2");
        var other = Options("2/3");

        Assert.True(new TestSelection(forPlan, plan).UsesShardPlan);
        Assert.Equal(plan.ShardOf("T.a") == 2, new TestSelection(forPlan, plan).InShard("T.a"));
        Assert.False(new TestSelection(other, plan).UsesShardPlan);
        Assert.Equal(ShardSpec.HashIndex("T.a", 3) == 2, new TestSelection(other, plan).InShard("T.a"));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private HologramOptions Options(string shard) =>
        HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = _root,
            EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_SHARD"] = shard },
        });
}
