using System.Text;
using Hologram.Testing.Xunit;

namespace Hologram.Samples.Tests;

/// <summary>Ordinary unit tests: no attribute needed, Hologram observes them all.</summary>
public class ContentAddressTests
{
    [Fact]
    public void Same_bytes_give_the_same_address() =>
        Assert.Equal(ContentAddress.Of("hello"u8), ContentAddress.Of(Encoding.UTF8.GetBytes("hello")));

    [Theory]
    [InlineData("a", "b")]
    [InlineData("hologram", "Hologram")]
    public void Different_bytes_give_different_addresses(string left, string right) =>
        Assert.NotEqual(ContentAddress.Of(Encoding.UTF8.GetBytes(left)), ContentAddress.Of(Encoding.UTF8.GetBytes(right)));

    [Fact]
    public void Addresses_are_lower_case_base32_with_a_prefix()
    {
        var address = ContentAddress.Of([1, 2, 3]);
        Assert.StartsWith("b", address, StringComparison.Ordinal);
        Assert.Equal(53, address.Length);
        Assert.Matches("^b[a-z2-7]+$", address);
    }

    /// <summary>A stress case: too slow for every PR, run nightly. Profiles pr and main skip it automatically.</summary>
    [Fact]
    [NoCi]
    public void Million_addresses_have_no_collision()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 1_000_000; i++)
        {
            Assert.True(seen.Add(ContentAddress.Of(BitConverter.GetBytes(i))));
        }
    }
}
