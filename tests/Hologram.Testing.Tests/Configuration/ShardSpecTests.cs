using Xunit;

namespace Hologram.Testing.Tests.Configuration;

public sealed class ShardSpecTests
{
    [Theory]
    [InlineData("1/4", 1, 4)]
    [InlineData("4/4", 4, 4)]
    [InlineData(" 2/3 ", 2, 3)]
    [InlineData("1/1", 1, 1)]
    public void Parses_one_based_shards(string text, int index, int count)
    {
        var shard = ShardSpec.Parse(text);
        Assert.Equal(new ShardSpec(index, count), shard);
        Assert.Equal($"{index}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("0/4", "the index must be between 1 and 4")]
    [InlineData("5/4", "the index must be between 1 and 4")]
    [InlineData("a/b", "expected two whole numbers")]
    [InlineData("3", "expected 'i/n'")]
    [InlineData("1/0", "the shard count must be at least 1")]
    [InlineData("-1/4", "expected two whole numbers")]
    [InlineData("", "expected 'i/n'")]
    public void Rejects_bad_shards_with_a_one_line_message(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => ShardSpec.Parse(text));
        Assert.StartsWith($"'{text}' is not a shard: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(ShardSpec.TryParse(text, out _));
    }

    [Fact]
    public void Hash_is_FNV_1a_64_over_UTF8()
    {
        // Reference values of the FNV-1a 64-bit function.
        Assert.Equal(0xcbf29ce484222325UL, ShardSpec.Hash(string.Empty));
        Assert.Equal(0xaf63dc4c8601ec8cUL, ShardSpec.Hash("a"));
        Assert.Equal(0x85944171f73967e8UL, ShardSpec.Hash("foobar"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Every_test_lands_in_exactly_one_shard_and_shards_are_balanced(int count)
    {
        var ids = Enumerable.Range(0, 10_000).Select(i => $"My.Namespace.Tests.Class{i % 97}.Method_{i}(x: {i})").ToList();
        var shards = Enumerable.Range(1, count).Select(i => new ShardSpec(i, count)).ToList();
        var sizes = new int[count];

        foreach (var id in ids)
        {
            var owners = shards.Where(s => s.Includes(id)).ToList();
            Assert.Single(owners);
            sizes[owners[0].Index - 1]++;
        }

        var expected = ids.Count / (double)count;
        Assert.All(sizes, size => Assert.InRange(size, expected * 0.9, expected * 1.1));
    }

    [Fact]
    public void Includes_is_stable_for_the_same_id()
    {
        var shard = new ShardSpec(2, 5);
        Assert.Equal(shard.Includes("Tests.A.B"), shard.Includes("Tests.A.B"));
        Assert.Equal(ShardSpec.Hash("Tests.A.B") % 5 == 1, shard.Includes("Tests.A.B"));
    }

    [Fact]
    public void Includes_refuses_an_invalid_shard()
    {
        Assert.Throws<InvalidOperationException>(() => new ShardSpec(0, 4).Includes("x"));
    }
}
