using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hologram.Testing.Tests.Skipping;

public sealed class ServiceProbeTests
{
    [Fact]
    public async Task A_listening_endpoint_is_reachable_and_a_closed_one_is_not()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var probe = new ServiceProbe(TimeSpan.FromSeconds(2));

        Assert.Null(await probe.ProbeAsync(new ServiceEndpoint($"127.0.0.1:{port}", "127.0.0.1", port)));
        listener.Stop();
        Assert.Null(await probe.ProbeAsync(new ServiceEndpoint($"127.0.0.1:{port}", "127.0.0.1", port))); // cached answer
    }

    [Fact]
    public async Task Without_a_cache_period_every_call_probes_and_returns()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var endpoint = new ServiceEndpoint($"127.0.0.1:{port}", "127.0.0.1", port);
        var probe = new ServiceProbe(TimeSpan.FromSeconds(2), cacheFor: TimeSpan.Zero);

        Assert.Null(await probe.ProbeAsync(endpoint).WaitAsync(TimeSpan.FromSeconds(10)));
        listener.Stop();
        Assert.NotNull(await probe.ProbeAsync(endpoint).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task An_answer_is_reused_until_the_cache_period_ends()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var endpoint = new ServiceEndpoint($"127.0.0.1:{port}", "127.0.0.1", port);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var probe = new ServiceProbe(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), clock);

        Assert.Null(await probe.ProbeAsync(endpoint));
        listener.Stop();
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Null(await probe.ProbeAsync(endpoint));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Contains("refused", await probe.ProbeAsync(endpoint), StringComparison.Ordinal);
    }
}
