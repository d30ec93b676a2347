using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class TraitTests
{
    [Fact]
    public void Attributes_on_method_and_class_add_category_traits()
    {
        var cases = InProcessRun.Discover(typeof(Categorised));

        Assert.Equal(["Phase6Perf", "Phase8E2E"], Categories(cases, nameof(Categorised.Perf)));
        Assert.Equal(["NoCi", "Phase8E2E", "Phase9Chaos"], Categories(cases, nameof(Categorised.ChaosNoCi)));
        Assert.Equal(["Phase8E2E"], Categories(cases, nameof(Categorised.Plain)));
    }

    [Fact]
    public void Theory_rows_carry_the_traits_of_their_method()
    {
        var cases = InProcessRun.Discover(typeof(Categorised));

        var rows = cases.Where(c => c.TestMethod.Method.Name == nameof(Categorised.Rows)).ToList();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Contains("Phase6Perf", row.Traits["Category"]));
    }

    [Fact]
    public void Attributes_are_usable_on_methods_classes_and_assemblies()
    {
        foreach (var type in new[] { typeof(Phase6PerfAttribute), typeof(Phase8E2EAttribute), typeof(Phase9ChaosAttribute), typeof(NoCiAttribute) })
        {
            var usage = (AttributeUsageAttribute)Attribute.GetCustomAttribute(type, typeof(AttributeUsageAttribute))!;
            Assert.Equal(AttributeTargets.Method | AttributeTargets.Class | AttributeTargets.Assembly, usage.ValidOn);
            Assert.Equal("Hologram.Testing.Xunit", type.Namespace);
        }
    }

    private static List<string> Categories(IEnumerable<IXunitTestCase> cases, string method) =>
        cases.Single(c => c.TestMethod.Method.Name == method).Traits["Category"].Order(StringComparer.Ordinal).ToList();

    [Phase8E2E]
    private sealed class Categorised
    {
        [Fact]
        [Phase6Perf]
        public void Perf()
        {
        }

        [Fact]
        [NoCi]
        [Phase9Chaos]
        public void ChaosNoCi()
        {
        }

        [Fact]
        public void Plain()
        {
        }

        [Theory]
        [Phase6Perf]
        [InlineData(1)]
        [InlineData(2)]
        public void Rows(int value) => Assert.True(value > 0);
    }
}
