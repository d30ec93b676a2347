using System.Text;
using Hologram.Samples.Tests;
using Hologram.Testing;
using Hologram.Testing.NUnit;

namespace Hologram.Samples.NUnit.Tests;

/// <summary>The content-address sample on NUnit: the same attributes, skips and history as on xUnit.</summary>
public class ContentAddressNUnitTests
{
    [Test]
    public void Same_bytes_give_the_same_address() =>
        Assert.That(ContentAddress.Of(Encoding.UTF8.GetBytes("hello")), Is.EqualTo(ContentAddress.Of("hello"u8)));

    [TestCase("a", "b")]
    [TestCase("hologram", "Hologram")]
    public void Different_bytes_give_different_addresses(string left, string right) =>
        Assert.That(ContentAddress.Of(Encoding.UTF8.GetBytes(left)), Is.Not.EqualTo(ContentAddress.Of(Encoding.UTF8.GetBytes(right))));

    /// <summary>A performance check; select it with --filter "TestCategory=Phase6Perf".</summary>
    [Test, Phase6Perf, HologramRetry(1)]
    public void Addressing_a_kilobyte_is_fast()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 1_000; i++)
        {
            ContentAddress.Of(new byte[1024]);
        }

        Assert.That(System.Diagnostics.Stopwatch.GetElapsedTime(started), Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    /// <summary>An end-to-end check against a node, reported as ignored with the reason when IPFS_API is absent.</summary>
    [Test, Phase8E2E]
    public void Node_is_reachable() => Services.Require("IPFS_API");

    /// <summary>A stress case the pr and main profiles skip automatically.</summary>
    [Test, NoCi]
    public void Hundred_thousand_addresses_have_no_collision()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.That(seen.Add(ContentAddress.Of(BitConverter.GetBytes(i))), Is.True);
        }
    }
}
