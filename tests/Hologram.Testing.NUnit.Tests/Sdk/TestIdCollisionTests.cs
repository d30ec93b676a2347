using Hologram.Testing.NUnit.Sdk;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace Hologram.Testing.NUnit.Tests.Sdk;

// NUnit runs every TestCase row, also rows whose ids read alike: identical rows, arrays (formatted by type name) and
// objects with the same ToString. Each must get its own id, the same in every build of the tree and in every shard.
public sealed class TestIdCollisionTests
{
    [Test]
    public void Rows_that_read_alike_get_distinct_ids_and_the_others_keep_their_readable_id()
    {
        var ids = Leaves(Build()).Select(NUnitTestIds.For).ToList();

        Assert.That(ids, Is.Unique);
        Assert.That(ids, Has.Count.EqualTo(8));
        Assert.That(ids, Does.Contain("Hologram.Testing.NUnit.Tests.Sdk.TestIdCollisionTests+Rows.Text(text: \"a\tb\")"));
        Assert.That(ids.Count(id => id.Contains(")#", StringComparison.Ordinal)), Is.EqualTo(6));
        // The identical rows, and the objects whose only text is the same ToString, are numbered in declaration order.
        Assert.That(ids.Count(id => id.EndsWith("~1", StringComparison.Ordinal) || id.EndsWith("~2", StringComparison.Ordinal)), Is.EqualTo(4));
    }

    [Test]
    public void The_ids_are_the_same_in_every_build_of_the_tree_and_across_shards()
    {
        var first = Leaves(Build()).Select(NUnitTestIds.For).ToList();
        var second = Leaves(Build()).Select(NUnitTestIds.For).ToList();
        Assert.That(second, Is.EqualTo(first));

        var shards = Enumerable.Range(1, 3).SelectMany(i =>
        {
            var suite = Build();
            HologramTestHookAttribute.Prepare(suite, new NUnitRun(typeof(TestIdCollisionTests).Assembly, Options($"{i}/3")), new global::Hologram.Testing.Sdk.TestSelection(Options($"{i}/3")));
            return Leaves(suite).Select(NUnitTestIds.For).ToList();
        }).ToList();
        Assert.That(shards, Is.EquivalentTo(first));
    }

    private static TestSuite Build() => new DefaultSuiteBuilder().BuildFrom(new TypeWrapper(typeof(Rows)));

    private static IEnumerable<Test> Leaves(Test test) =>
        test is TestMethod ? [test] : test.Tests.Cast<Test>().SelectMany(Leaves);

    private static HologramOptions Options(string shard)
    {
        var root = Directory.CreateTempSubdirectory("hologram-nunit-ids-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        return HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = root,
            EnvironmentVariables = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["HOLOGRAM_STORE"] = "none", ["HOLOGRAM_PROFILE"] = "dev", ["HOLOGRAM_SHARD"] = shard,
            },
        });
    }

    public sealed class Same(int value)
    {
        public override string ToString() => "same";

        public int Value => value;
    }

    public sealed class Rows
    {
        private static readonly object[] Objects = [new object[] { new Same(1) }, new object[] { new Same(2) }];

        [TestCase("a b")]
        [TestCase("a\tb")]
        [TestCase("a b")]
        [TestCase(new[] { 1 })]
        [TestCase(new[] { 2 })]
        public void Text(object text) => Assert.That(text, Is.Not.Null);

        [TestCaseSource(nameof(Objects))]
        public void Alike(Same same) => Assert.That(same.Value, Is.Positive);

        [TestCase(1)]
        public void One(int value) => Assert.That(value, Is.Positive);
    }
}
