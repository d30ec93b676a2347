using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>A raw TCP client for toxic tests.</summary>
internal sealed class TestClient : IDisposable
{
    private TestClient(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    public static async Task<TestClient> ConnectAsync(IPEndPoint endpoint)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endpoint);
        return new TestClient(socket);
    }

    /// <summary>Sends <paramref name="message"/> and reads until as many bytes came back; returns the elapsed time.</summary>
    public async Task<TimeSpan> RoundTripAsync(byte[] message, TimeSpan? timeout = null)
    {
        var started = Stopwatch.GetTimestamp();
        await Socket.SendAsync(message, SocketFlags.None);
        var received = await ReadExactlyAsync(message.Length, timeout ?? TimeSpan.FromSeconds(10));
        Assert.Equal(message, received);
        return Stopwatch.GetElapsedTime(started);
    }

    public async Task<byte[]> ReadExactlyAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[count];
        var at = 0;
        while (at < count)
        {
            var read = await Socket.ReceiveAsync(buffer.AsMemory(at), SocketFlags.None, cts.Token);
            if (read == 0)
            {
                throw new EndOfStreamException($"closed after {at} of {count} bytes");
            }

            at += read;
        }

        return buffer;
    }

    /// <summary>Reads until the end of the stream; returns every read's size.</summary>
    public async Task<List<int>> ReadToEndAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var sizes = new List<int>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await Socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token)) > 0)
        {
            sizes.Add(read);
        }

        return sizes;
    }

    public void Dispose() => Socket.Dispose();
}
