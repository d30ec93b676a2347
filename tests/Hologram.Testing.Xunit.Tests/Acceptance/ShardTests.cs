namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class ShardTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    public async Task Every_test_runs_in_exactly_one_of_n_shards(int count)
    {
        var everything = await InProcessRun.RunAsync(TestOptions.Profile("dev"), typeof(Many), typeof(ManyRows));
        var all = Ran(everything);
        Assert.Equal(60, all.Count);

        var seen = new List<string>();
        foreach (var index in Enumerable.Range(1, count))
        {
            var shard = await InProcessRun.RunAsync(
                TestOptions.With(("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_SHARD", $"{index}/{count}")), typeof(Many), typeof(ManyRows));
            var ran = Ran(shard);
            Assert.NotEmpty(ran);
            shard.AssertTotalsConsistent();
            seen.AddRange(ran);
        }

        Assert.Equal(all, seen.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task The_same_shard_selects_the_same_tests_every_time()
    {
        var first = Ran(await InProcessRun.RunAsync(TestOptions.With(("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_SHARD", "2/3")), typeof(Many)));
        var second = Ran(await InProcessRun.RunAsync(TestOptions.With(("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_SHARD", "2/3")), typeof(Many)));

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_shard_plan_in_the_reports_folder_decides_the_shards_and_unknown_tests_fall_back_to_the_hash()
    {
        var root = Directory.CreateTempSubdirectory("hologram-shard-plan-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, ".git"));
            var prefix = typeof(Many).FullName + ".";
            var durations = Enumerable.Range(0, 20).ToDictionary(i => $"{prefix}T{i:D2}", i => i == 0 ? 1000.0 : 1.0);
            var plan = Execution.ShardPlan.Create(durations, 2, DateTimeOffset.UtcNow);
            plan.Save(Path.Combine(root, "reports", Execution.ShardPlan.FileName));

            var seen = new List<string>();
            foreach (var index in new[] { 1, 2 })
            {
                var options = TestOptions.In(root, ("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_SHARD", $"{index}/2"));
                var result = await InProcessRun.RunAsync(options, typeof(Many), typeof(ManyRows));
                var ran = Ran(result);
                var planned = ran.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).ToList();
                Assert.Equal(durations.Keys.Where(id => plan.ShardOf(id) == index).Order(StringComparer.Ordinal), planned);
                seen.AddRange(ran);
            }

            // The slow test is alone on its shard's side of the plan: 1000 ms against 19 × 1 ms.
            Assert.Equal([1000.0, 19.0], plan.EstimatedMs.OrderDescending());
            Assert.Equal(60, seen.Distinct().Count());
            Assert.Equal(60, seen.Count);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static List<string> Ran(RunResult result) =>
        result.Results.Select(r => r.Test.DisplayName).Order(StringComparer.Ordinal).ToList();

    private sealed class Many
    {
        [Fact] public void T00() { }
        [Fact] public void T01() { }
        [Fact] public void T02() { }
        [Fact] public void T03() { }
        [Fact] public void T04() { }
        [Fact] public void T05() { }
        [Fact] public void T06() { }
        [Fact] public void T07() { }
        [Fact] public void T08() { }
        [Fact] public void T09() { }
        [Fact] public void T10() { }
        [Fact] public void T11() { }
        [Fact] public void T12() { }
        [Fact] public void T13() { }
        [Fact] public void T14() { }
        [Fact] public void T15() { }
        [Fact] public void T16() { }
        [Fact] public void T17() { }
        [Fact] public void T18() { }
        [Fact] public void T19() { }
    }

    private sealed class ManyRows
    {
        public static IEnumerable<object[]> Rows => Enumerable.Range(0, 40).Select(i => new object[] { i });

        [Theory]
        [MemberData(nameof(Rows))]
        public void Row(int value) => Assert.InRange(value, 0, 39);
    }
}
