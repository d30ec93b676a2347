using System.Net;
using System.Net.Sockets;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class DynamicSkipTests
{
    [Fact]
    public async Task Skip_If_and_Unless_turn_into_skipped_tests_with_their_reasons()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("dev"), typeof(Skips));

        Assert.Equal("condition held", result.SkipReason("SkipIfTrue"));
        Assert.Equal("condition failed", result.SkipReason("SkipUnlessFalse"));
        Assert.Equal("asynchronously skipped", result.SkipReason("SkipAfterAwait"));
        
        Assert.Contains(result.Passed, n => n.EndsWith("SkipIfFalse", StringComparison.Ordinal));
        Assert.Contains(result.Passed, n => n.EndsWith("SkipUnlessTrue", StringComparison.Ordinal));
        Assert.EndsWith("real failure", result.FailureMessage("RealFailure"), StringComparison.Ordinal);
        Assert.Single(result.Failed);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_skip_in_the_test_class_constructor_skips_the_test()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("dev"), typeof(SkippedByConstructor));

        Assert.Equal("skipped in the constructor", result.SkipReason("Body"));
        Assert.Empty(result.Failed);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Skips_in_theory_rows_skip_only_those_rows_for_preenumerated_and_runtime_data()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("dev"), typeof(TheoryRows));

        var skipped = result.Skipped;
        Assert.Equal(4, skipped.Count);
        Assert.Equal(2, skipped.Count(n => n.Contains("Inline", StringComparison.Ordinal)));
        Assert.Equal(2, skipped.Count(n => n.Contains("Runtime", StringComparison.Ordinal)));
        Assert.Equal(4, result.Passed.Count);
        Assert.Empty(result.Failed);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Services_Require_skips_naming_the_service_when_it_is_not_configured()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("dev"), typeof(NeedsIpfs));

        var reason = result.SkipReason("NeedsService");
        Assert.Contains("IPFS_API", reason, StringComparison.Ordinal);
        Assert.Contains("not configured", reason, StringComparison.Ordinal);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Services_Require_skips_naming_the_endpoint_when_nothing_listens()
    {
        var port = FreePort();
        var endpoint = $"http://127.0.0.1:{port}";
        var result = await InProcessRun.RunAsync(TestOptions.With(("HOLOGRAM_PROFILE", "dev"), ("IPFS_API", endpoint)), typeof(NeedsIpfs));

        var reason = result.SkipReason("NeedsService");
        Assert.Contains($"IPFS_API at {endpoint}", reason, StringComparison.Ordinal);
        Assert.Contains("not reachable", reason, StringComparison.Ordinal);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Services_Require_returns_the_endpoint_when_the_service_listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var endpoint = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        NeedsIpfs.Seen = null;

        var result = await InProcessRun.RunAsync(TestOptions.With(("HOLOGRAM_PROFILE", "dev"), ("IPFS_API", endpoint)), typeof(NeedsIpfs));

        Assert.Single(result.Passed);
        Assert.Equal(endpoint, NeedsIpfs.Seen);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class Skips
    {
        [Fact]
        public void SkipIfTrue() => Skip.If(true, "condition held");

        [Fact]
        public void SkipIfFalse() => Skip.If(false, "never");

        [Fact]
        public void SkipUnlessFalse() => Skip.Unless(false, "condition failed");

        [Fact]
        public void SkipUnlessTrue() => Skip.Unless(true, "never");

        [Fact]
        public async Task SkipAfterAwait()
        {
            await Task.Yield();
            Skip.Test("asynchronously skipped");
        }

        [Fact]
        public void RealFailure() => throw new InvalidOperationException("real failure");
    }

    private sealed class SkippedByConstructor
    {
        public SkippedByConstructor() => Skip.Test("skipped in the constructor");

        [Fact]
        public void Body() => throw new InvalidOperationException("the body must not run");
    }

    private sealed class TheoryRows
    {
        public static TheoryData<int> Values => new() { 1, 2, 3, 4 };

        public static IEnumerable<object[]> NonSerializable =>
            [[new Payload(1)], [new Payload(2)], [new Payload(3)], [new Payload(4)]];

        [Theory]
        [MemberData(nameof(Values))]
        public void Inline(int value) => Skip.If(value % 2 == 0, $"even value {value}");

        [Theory]
        [MemberData(nameof(NonSerializable))]
        public void Runtime(Payload payload) => Skip.If(payload.Value > 2, $"large payload {payload.Value}");
    }

    public sealed class Payload(int value)
    {
        public int Value { get; } = value;
    }

    private sealed class NeedsIpfs
    {
        public static string? Seen { get; set; }

        [Fact]
        public void NeedsService() => Seen = Services.Require("IPFS_API");
    }
}
