using Hologram.Testing.Perf;
using Hologram.Testing.Xunit;

namespace Hologram.Samples.Tests;

/// <summary>Performance tests: <c>dotnet test --filter Category=Phase6Perf</c>.</summary>
[Phase6Perf]
public class PerfSampleTests
{
    private static readonly byte[] Megabyte = CreatePayload(1024 * 1024);
    private static readonly byte[] Kilobyte = CreatePayload(1024);

    [Fact]
    public void Addressing_a_megabyte_is_deterministic() =>
        Assert.Equal(ContentAddress.Of(Megabyte), ContentAddress.Of(Megabyte));

    /// <summary>
    /// Per-call p95 against the profile's <c>encode</c> budget (150 ms on pr, 80 ms on main, 500 ms on dev;
    /// <c>SLO_ENCODE_P95_MS</c> overrides it). Recorded to <c>reports/perf/encode.csv</c> for the report and the gate.
    /// </summary>
    [Fact]
    public void Addressing_a_megabyte_is_within_the_encode_budget() =>
        Perf.Measure("encode", () => ContentAddress.Of(Megabyte)).AssertWithinBudget();

    /// <summary>A sub-millisecond operation, budgeted explicitly.</summary>
    [Fact]
    public void Addressing_a_kilobyte_stays_under_a_millisecond() =>
        Perf.Measure("address-1kb", () => ContentAddress.Of(Kilobyte)).AssertWithinBudget(TimeSpan.FromMilliseconds(1));

    private static byte[] CreatePayload(int size)
    {
        var payload = new byte[size];
        new Random(42).NextBytes(payload);
        return payload;
    }
}
