using System.Text;
using Hologram.Samples.Tests;
using Hologram.Testing;
using Hologram.Testing.MSTest;

namespace Hologram.Samples.MSTest.Tests;

/// <summary>The content-address sample on MSTest: the same attributes, skips and history as on xUnit and NUnit.</summary>
[TestClass]
public class ContentAddressMSTests
{
    [TestMethod]
    public void Same_bytes_give_the_same_address() =>
        Assert.AreEqual(ContentAddress.Of("hello"u8), ContentAddress.Of(Encoding.UTF8.GetBytes("hello")));

    [TestMethod]
    [DataRow("a", "b")]
    [DataRow("hologram", "Hologram")]
    public void Different_bytes_give_different_addresses(string left, string right) =>
        Assert.AreNotEqual(ContentAddress.Of(Encoding.UTF8.GetBytes(right)), ContentAddress.Of(Encoding.UTF8.GetBytes(left)));

    /// <summary>A performance check; select it with --filter "TestCategory=Phase6Perf".</summary>
    [TestMethod, Phase6Perf, HologramRetry(1)]
    public void Addressing_a_kilobyte_is_fast()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 1_000; i++)
        {
            ContentAddress.Of(new byte[1024]);
        }

        Assert.IsTrue(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(5));
    }

    /// <summary>An end-to-end check against a node, reported as skipped (inconclusive) with the reason when IPFS_API is absent.</summary>
    [TestMethod, Phase8E2E]
    public void Node_is_reachable() => Services.Require("IPFS_API");

    /// <summary>A stress case the pr and main profiles skip automatically.</summary>
    [TestMethod, NoCi]
    public void Hundred_thousand_addresses_have_no_collision()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            Assert.IsTrue(seen.Add(ContentAddress.Of(BitConverter.GetBytes(i))));
        }
    }
}
