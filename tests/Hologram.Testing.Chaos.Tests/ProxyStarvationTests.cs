using System.Diagnostics;
using System.Net.Sockets;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>
/// A timed toxic must fire on time while the thread pool is saturated: a spliced connection's bytes never wait for the
/// pool, so a reset that did would arrive after traffic the test expected it to cut. Runs alone (it blocks the pool).
/// </summary>
[Collection(nameof(ProxyIdleCollection))]
public sealed class ProxyStarvationTests
{
    [Fact]
    public async Task A_delayed_reset_reaches_a_spliced_connection_while_the_thread_pool_is_starved()
    {
        await using var server = LoopbackServer.Echo();
        await using var proxy = ChaosProxy.Start(server.Endpoint);
        using var toxic = proxy.Inject(Toxic.ResetPeer(TimeSpan.FromMilliseconds(300)));
        using var client = await TestClient.ConnectAsync(proxy.Endpoint);
        var connectedAt = Stopwatch.GetTimestamp();
        await client.RoundTripAsync("ping"u8.ToArray());

        // Every pool thread (and the few the pool adds meanwhile) sleeps for 3 s: a reset that waits for one is late.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ThreadPool.GetMinThreads(out var workers, out _);
        for (var i = 0; i < (workers * 2) + 16; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static gate => gate.Wait(TimeSpan.FromSeconds(3)), release.Task, preferLocal: false);
        }

        SocketError? outcome = null;
        var checker = new Thread(() =>
        {
            // Blocking calls on a thread of its own: the check needs no pool thread either.
            Thread.Sleep(TimeSpan.FromMilliseconds(700) - Stopwatch.GetElapsedTime(connectedAt));
            client.Socket.ReceiveTimeout = 1000;
            try
            {
                client.Socket.Send("ping"u8);
                var buffer = new byte[16];
                outcome = client.Socket.Receive(buffer) == 0 ? SocketError.Disconnecting : SocketError.Success;
            }
            catch (SocketException ex)
            {
                outcome = ex.SocketErrorCode;
            }
        });
        checker.Start();
        checker.Join();
        release.SetResult();

        Assert.Equal(SocketError.ConnectionReset, outcome);
    }
}
