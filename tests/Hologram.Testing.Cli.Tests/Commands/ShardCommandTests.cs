using Hologram.Testing.Execution;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class ShardCommandTests
{
    [Fact]
    public void Plan_balances_recorded_durations_and_writes_the_plan_file()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddDays(-1));
        cli.Store.AddResult("r1", "Ns.Slow.Big", TestOutcome.Passed, durationMs: 9000);
        for (var i = 0; i < 9; i++)
        {
            cli.Store.AddResult("r1", $"Ns.Fast.T{i}", TestOutcome.Passed, durationMs: 1000);
        }

        Assert.Equal(0, cli.Run("shard", "plan", "--shards", "2"));

        var plan = ShardPlan.Load(Path.Combine(cli.Root, "reports", ShardPlan.FileName))!;
        Assert.Equal(2, plan.Count);
        Assert.Equal(10, plan.Assignments.Count);
        Assert.Equal([9000.0, 9000.0], plan.EstimatedMs);
        Assert.Contains("10 tests over 2 shards", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_history_no_plan_is_written()
    {
        using var cli = new FlakeCli();

        Assert.Equal(0, cli.Run("shard", "plan", "--shards", "3"));

        Assert.False(File.Exists(Path.Combine(cli.Root, "reports", ShardPlan.FileName)));
        Assert.Contains("no recorded durations", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_as_out_is_bad_input_even_without_history()
    {
        using var cli = new FlakeCli();
        Directory.CreateDirectory(Path.Combine(cli.Root, "plans"));

        Assert.Equal(2, cli.Run("shard", "plan", "--shards", "2", "--out", "plans"));

        Assert.Equal($"hologram: --out {Path.Combine(cli.Root, "plans")} is a directory; give the plan file's path", cli.Error.Trim());
    }

    [Fact]
    public void A_relative_out_is_taken_from_the_current_directory()
    {
        using var cli = new FlakeCli();
        cli.Store.AddRun("r1", FlakeCli.Now.AddDays(-1));
        cli.Store.AddResult("r1", "Ns.Slow.Big", TestOutcome.Passed, durationMs: 9000);

        Assert.Equal(0, cli.Run("shard", "plan", "--shards", "2", "--out", "plan.json"));

        Assert.True(File.Exists(Path.Combine(cli.Root, "plan.json")));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    public void A_bad_shard_count_is_bad_input(string shards)
    {
        using var cli = new FlakeCli();

        Assert.Equal(2, cli.Run("shard", "plan", "--shards", shards));
        Assert.StartsWith("hologram: --shards must be at least 1", cli.Error, StringComparison.Ordinal);
    }
}
