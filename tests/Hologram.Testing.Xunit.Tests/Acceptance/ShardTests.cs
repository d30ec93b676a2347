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
