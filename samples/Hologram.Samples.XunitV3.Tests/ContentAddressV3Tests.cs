using System.Text;
using Hologram.Samples.Tests;
using Hologram.Testing;
using Hologram.Testing.XunitV3;

namespace Hologram.Samples.XunitV3.Tests;

/// <summary>The content-address sample on xUnit v3: the same attributes, skips and history as on xUnit v2.</summary>
public class ContentAddressV3Tests
{
    [Fact]
    public void Same_bytes_give_the_same_address() =>
        Assert.Equal(ContentAddress.Of("hello"u8), ContentAddress.Of(Encoding.UTF8.GetBytes("hello")));

    [Theory]
    [InlineData("a", "b")]
    [InlineData("hologram", "Hologram")]
    public void Different_bytes_give_different_addresses(string left, string right) =>
        Assert.NotEqual(ContentAddress.Of(Encoding.UTF8.GetBytes(left)), ContentAddress.Of(Encoding.UTF8.GetBytes(right)));

    /// <summary>A performance check; select it with --filter "Category=Phase6Perf" (VSTest) or --filter-trait "Category=Phase6Perf" (MTP).</summary>
    [Fact, Phase6Perf, Retry(1)]
    public void Addressing_a_kilobyte_is_fast()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 1_000; i++)
        {
            ContentAddress.Of(new byte[1024]);
        }

        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    /// <summary>An end-to-end check against a node, skipped with the reason when IPFS_API is absent.</summary>
    [Fact, Phase8E2E]
    public void Node_is_reachable() => Services.Require("IPFS_API");

    /// <summary>A stress case the pr and main profiles skip automatically.</summary>
    [Fact, NoCi]
    public void Hundred_thousand_addresses_have_no_collision()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.True(seen.Add(ContentAddress.Of(BitConverter.GetBytes(i))));
        }
    }
}
