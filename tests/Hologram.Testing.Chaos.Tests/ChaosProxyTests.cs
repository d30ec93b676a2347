using System.Diagnostics;
using System.Net.Sockets;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>Every toxic on a real loopback socket. Bounds are generous: the machine may be shared and slow.</summary>
public sealed class ChaosProxyTests
{
    private static readonly byte[] Ping = "ping"u8.ToArray();

    [Fact]
    public async Task Without_toxics_data_passes_both_ways()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);

        var payload = new byte[300_000];
        Random.Shared.NextBytes(payload);
        await client.RoundTripAsync(payload);

        Assert.Equal(1, proxy.AcceptedConnections);
        Assert.Equal(payload.Length, proxy.BytesUpstream);
        Assert.StartsWith("127.0.0.1:", proxy.Address, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Latency_adds_at_least_the_set_delay()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        await client.RoundTripAsync(Ping);

        using (proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(200), jitter: TimeSpan.FromMilliseconds(20))))
        {
            Assert.True(await client.RoundTripAsync(Ping) >= TimeSpan.FromMilliseconds(180));
        }

        using (proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(150)).Upstream()))
        {
            Assert.True(await client.RoundTripAsync(Ping) >= TimeSpan.FromMilliseconds(150));
        }
    }

    [Fact]
    public async Task Latency_is_pipelined_not_accumulated_per_chunk()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        using var _ = proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(300)));

        var started = Stopwatch.GetTimestamp();
        var sends = Enumerable.Range(0, 10).Select(async i =>
        {
            await Task.Delay(i * 5);
            await client.Socket.SendAsync(Ping, SocketFlags.None);
        });
        await Task.WhenAll(sends);
        await client.ReadExactlyAsync(Ping.Length * 10, TimeSpan.FromSeconds(10));
        var elapsed = Stopwatch.GetElapsedTime(started);

        // Ten chunks each delayed 300 ms from its arrival: about 350 ms in all, where per-chunk sleeping would take 3 s.
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(2000));
    }

    [Fact]
    public async Task Bandwidth_limits_the_rate()
    {
        var payload = new byte[60_000];
        await using var server = LoopbackServer.Sends(payload);
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.Bandwidth(100_000));

        var started = Stopwatch.GetTimestamp();
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        var sizes = await client.ReadToEndAsync(TimeSpan.FromSeconds(20));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Equal(payload.Length, sizes.Sum());
        Assert.True(elapsed >= TimeSpan.FromMilliseconds(500), $"60 kB at 100 kB/s took {elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task Timeout_zero_blackholes_and_keeps_the_connection_open()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        await client.RoundTripAsync(Ping);

        using var blackhole = proxy.Inject(Toxic.Timeout());
        await client.Socket.SendAsync(Ping, SocketFlags.None);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ReadExactlyAsync(1, TimeSpan.FromMilliseconds(400)));
        Assert.Equal(1, proxy.OpenConnections);
    }

    [Fact]
    public async Task Timeout_closes_the_connection_after_the_set_time()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.Timeout(TimeSpan.FromMilliseconds(300)));

        var started = Stopwatch.GetTimestamp();
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        await client.Socket.SendAsync(Ping, SocketFlags.None);
        var sizes = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));
        var elapsed = Stopwatch.GetElapsedTime(started);

        Assert.Empty(sizes);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Reset_peer_is_seen_by_the_client_as_a_connection_reset()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        await client.RoundTripAsync(Ping);

        using var _ = proxy.Inject(Toxic.ResetPeer());

        var error = await Assert.ThrowsAsync<SocketException>(() => client.RoundTripAsync(Ping));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
    }

    [Fact]
    public async Task Reset_peer_after_a_delay_resets_new_connections_later()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.ResetPeer(TimeSpan.FromMilliseconds(300)));
        var connecting = Stopwatch.GetTimestamp();
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);

        try
        {
            await client.RoundTripAsync(Ping);
        }
        catch (SocketException early) when (early.SocketErrorCode == SocketError.ConnectionReset)
        {
            // A loaded machine kept this client from its first reply for longer than the delay: the reset came on time
            // all the same, never before it.
            Assert.True(Stopwatch.GetElapsedTime(connecting) >= TimeSpan.FromMilliseconds(300), "reset before its delay");
            return;
        }

        await Task.Delay(600);

        var error = await Assert.ThrowsAsync<SocketException>(() => client.RoundTripAsync(Ping));
        Assert.Equal(SocketError.ConnectionReset, error.SocketErrorCode);
    }

    [Fact]
    public async Task Reset_peer_after_the_longest_delay_never_fires()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.ResetPeer(TimeSpan.MaxValue));
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);

        await client.RoundTripAsync(Ping);
        await Task.Delay(300);

        await client.RoundTripAsync(Ping); // A delay too long for the clock's timestamps must not wrap round to "now".
    }

    [Fact]
    public async Task Slow_close_delays_the_close()
    {
        var payload = "bye"u8.ToArray();
        await using var server = LoopbackServer.Sends(payload);
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.SlowClose(TimeSpan.FromMilliseconds(400)));
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);

        await client.ReadExactlyAsync(payload.Length, TimeSpan.FromSeconds(5));
        var dataAt = Stopwatch.GetTimestamp();
        Assert.Empty(await client.ReadToEndAsync(TimeSpan.FromSeconds(10)));

        Assert.True(Stopwatch.GetElapsedTime(dataAt) >= TimeSpan.FromMilliseconds(350));
    }

    [Fact]
    public async Task Slicer_splits_data_into_small_delayed_chunks()
    {
        var payload = new byte[2000];
        await using var server = LoopbackServer.Sends(payload);
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.Slicer(100, 20, TimeSpan.FromMilliseconds(10)));

        var started = Stopwatch.GetTimestamp();
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        var sizes = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(payload.Length, sizes.Sum());
        Assert.True(sizes.Count >= 10, $"{sizes.Count} reads");
        Assert.All(sizes, s => Assert.InRange(s, 1, 120 * 2));
        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(65_536 + 17)]
    public async Task Limit_data_closes_after_exactly_n_bytes(int limit)
    {
        var payload = new byte[200_000];
        await using var server = LoopbackServer.Sends(payload);
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.LimitData(limit));
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);

        var sizes = await client.ReadToEndAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(limit, sizes.Sum());
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(1.0, 6)]
    public async Task Toxicity_decides_the_share_of_affected_connections(double toxicity, int expectedSlow)
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var _ = proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(250)).WithToxicity(toxicity));

        var slow = 0;
        for (var i = 0; i < 6; i++)
        {
            using var client = await TestClient.ConnectAsync(proxy.Endpoint);
            if (await client.RoundTripAsync(Ping) >= TimeSpan.FromMilliseconds(250))
            {
                slow++;
            }
        }

        Assert.Equal(expectedSlow, slow);
    }

    [Fact]
    public async Task Toxicity_half_affects_some_connections_and_spares_others()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address, new ChaosProxyOptions { RandomSeed = 7 });
        using var _ = proxy.Inject(Toxic.Timeout().WithToxicity(0.5));

        var answered = 0;
        for (var i = 0; i < 16; i++)
        {
            using var client = await TestClient.ConnectAsync(proxy.Endpoint);
            await client.Socket.SendAsync(Ping, SocketFlags.None);
            try
            {
                await client.ReadExactlyAsync(Ping.Length, TimeSpan.FromMilliseconds(300));
                answered++;
            }
            catch (OperationCanceledException)
            {
            }
        }

        Assert.InRange(answered, 1, 15);
    }

    [Fact]
    public async Task Toxics_change_while_a_connection_is_open()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        Assert.True(await client.RoundTripAsync(Ping) < TimeSpan.FromMilliseconds(300));

        var scope = proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(300)));
        Assert.True(await client.RoundTripAsync(Ping) >= TimeSpan.FromMilliseconds(300));
        Assert.Single(proxy.Toxics);

        scope.Update(Toxic.Latency(TimeSpan.FromMilliseconds(600)));
        Assert.True(await client.RoundTripAsync(Ping) >= TimeSpan.FromMilliseconds(600));

        scope.Dispose();
        Assert.False(scope.IsActive);
        Assert.Empty(proxy.Toxics);
        Assert.True(await client.RoundTripAsync(Ping) < TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Disable_refuses_connections_and_Enable_accepts_them_again_on_the_same_port()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = await ChaosProxy.StartAsync(server.Address);
        var port = proxy.Endpoint.Port;
        using (var open = await TestClient.ConnectAsync(proxy.Endpoint))
        {
            await open.RoundTripAsync(Ping);
            proxy.Disable();
            Assert.False(proxy.IsEnabled);
            Assert.Empty(await open.ReadToEndAsync(TimeSpan.FromSeconds(5)));
        }

        var refused = await Assert.ThrowsAsync<SocketException>(() => TestClient.ConnectAsync(proxy.Endpoint));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);

        proxy.Enable();
        Assert.Equal(port, proxy.Endpoint.Port);
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        await client.RoundTripAsync(Ping);
    }

    [Fact]
    public async Task A_down_upstream_is_seen_as_a_closed_connection()
    {
        // A bound socket that does not listen: the port refuses connections and no other test can take it meanwhile.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)bound.LocalEndPoint!).Port;

        await using var proxy = await ChaosProxy.StartAsync($"127.0.0.1:{port}");

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            using var client = await TestClient.ConnectAsync(proxy.Endpoint);
            await client.RoundTripAsync(Ping, TimeSpan.FromSeconds(5));
        });
    }

    [Fact]
    public void Toxics_validate_their_settings_and_describe_themselves()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Toxic.Latency(TimeSpan.FromSeconds(1)).WithToxicity(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Toxic.Bandwidth(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Toxic.Slicer(10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Toxic.LimitData(-1));
        Assert.Equal("latency(200 ms ± 50 ms, upstream, toxicity 0.5)", Toxic.Latency(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)).Upstream().WithToxicity(0.5).ToString());
        Assert.Equal("slow", Toxic.SlowClose(TimeSpan.Zero).Named("slow").ToString());
        Assert.True(Toxic.ResetPeer().BothWays().AppliesTo(ToxicDirection.Upstream));
        Assert.False(Toxic.ResetPeer().AppliesTo(ToxicDirection.Upstream));
    }
}
