namespace Hologram.Testing.XunitV3.Tests;

public sealed class CategoryAttributeTests
{
    [Fact]
    public void Each_attribute_adds_the_Category_trait_with_its_name()
    {
        HologramCategoryAttribute[] attributes = [new Phase6PerfAttribute(), new Phase8E2EAttribute(), new Phase9ChaosAttribute(), new NoCiAttribute()];

        Assert.Equal(
            ["Phase6Perf", "Phase8E2E", "Phase9Chaos", "NoCi"],
            attributes.Select(a => Assert.Single(a.GetTraits())).Select(t => Assert.IsType<string>(t.Key == "Category" ? t.Value : null)));
    }

    [Fact]
    public void Retry_rejects_a_negative_count()
    {
        Assert.Equal(0, new RetryAttribute(0).Retries);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RetryAttribute(-1));
    }
}
