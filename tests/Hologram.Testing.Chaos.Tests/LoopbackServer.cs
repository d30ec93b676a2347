using System.Net;
using System.Net.Sockets;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>A TCP server on 127.0.0.1 running <c>handler</c> for every connection.</summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly Func<Socket, Task> _handler;
    private readonly Task _accepting;

    public LoopbackServer(Func<Socket, Task> handler)
    {
        _handler = handler;
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(64);
        _accepting = AcceptAsync();
    }

    public IPEndPoint Endpoint => (IPEndPoint)_listener.LocalEndPoint!;

    public string Address => $"127.0.0.1:{Endpoint.Port}";

    /// <summary>Echoes everything back until the client closes.</summary>
    public static LoopbackServer Echo() => new(async socket =>
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            await socket.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
        }

        socket.Shutdown(SocketShutdown.Send);
    });

    /// <summary>Sends <paramref name="payload"/> in one write as soon as a client connects, then closes.</summary>
    public static LoopbackServer Sends(byte[] payload) => new(async socket =>
    {
        await socket.SendAsync(payload, SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
        var drain = new byte[1024];
        while (await socket.ReceiveAsync(drain, SocketFlags.None) > 0)
        {
        }
    });

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        try
        {
            await _accepting;
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using (socket)
                {
                    try
                    {
                        await _handler(socket);
                    }
                    catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
                    {
                        // The proxy under test closed or reset the connection: expected in fault tests.
                    }
                }
            });
        }
    }
}
