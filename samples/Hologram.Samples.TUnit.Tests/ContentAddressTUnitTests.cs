using System.Text;
using Hologram.Samples.Tests;
using Hologram.Testing;
using Hologram.Testing.TUnit;

namespace Hologram.Samples.TUnit.Tests;

/// <summary>The content-address sample on TUnit: the same attributes, skips and history as on xUnit and NUnit.</summary>
public class ContentAddressTUnitTests
{
    [Test]
    public async Task Same_bytes_give_the_same_address() =>
        await Assert.That(ContentAddress.Of(Encoding.UTF8.GetBytes("hello"))).IsEqualTo(ContentAddress.Of("hello"u8));

    [Test]
    [Arguments("a", "b")]
    [Arguments("hologram", "Hologram")]
    public async Task Different_bytes_give_different_addresses(string left, string right) =>
        await Assert.That(ContentAddress.Of(Encoding.UTF8.GetBytes(left))).IsNotEqualTo(ContentAddress.Of(Encoding.UTF8.GetBytes(right)));

    /// <summary>A performance check; select it with --treenode-filter "/**[Category=Phase6Perf]".</summary>
    [Test, Phase6Perf, HologramRetry(1)]
    public async Task Addressing_a_kilobyte_is_fast()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 1_000; i++)
        {
            ContentAddress.Of(new byte[1024]);
        }

        await Assert.That(System.Diagnostics.Stopwatch.GetElapsedTime(started)).IsLessThan(TimeSpan.FromSeconds(5));
    }

    /// <summary>An end-to-end check against a node, reported as skipped with the reason when IPFS_API is absent.</summary>
    [Test, Phase8E2E]
    public void Node_is_reachable() => Services.Require("IPFS_API");

    /// <summary>A stress case the pr and main profiles skip automatically.</summary>
    [Test, NoCi]
    public async Task Hundred_thousand_addresses_have_no_collision()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            seen.Add(ContentAddress.Of(BitConverter.GetBytes(i)));
        }

        await Assert.That(seen.Count).IsEqualTo(100_000);
    }
}
