using Hologram.Testing.Xunit;

namespace Hologram.Samples.Tests;

/// <summary>Performance tests: <c>dotnet test --filter Category=Phase6Perf</c>.</summary>
[Phase6Perf]
public class PerfSampleTests
{
    [Fact]
    public void Addressing_a_megabyte_is_deterministic()
    {
        var payload = new byte[1024 * 1024];
        new Random(42).NextBytes(payload);
        Assert.Equal(ContentAddress.Of(payload), ContentAddress.Of(payload));
    }
}
