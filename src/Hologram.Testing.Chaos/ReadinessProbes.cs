using System.Net.Sockets;

namespace Hologram.Testing.Chaos;

/// <summary>Ready-made probes (is the service answering?) for <see cref="ServiceProcess"/>, <see cref="AvailabilityMonitor"/> and experiments.</summary>
public static class ReadinessProbes
{
    private static readonly HttpClient SharedClient = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(1) });

    /// <summary>True when 127.0.0.1:<paramref name="port"/> accepts a TCP connection within <paramref name="timeout"/> (1 s by default).</summary>
    public static Func<CancellationToken, Task<bool>> Tcp(int port, TimeSpan? timeout = null) => async cancellationToken =>
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(1));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(System.Net.IPAddress.Loopback, port, cts.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    };

    /// <summary>True when a GET of <paramref name="url"/> answers 2xx within <paramref name="timeout"/> (1 s by default).</summary>
    public static Func<CancellationToken, Task<bool>> Http(Uri url, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        return async cancellationToken =>
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(1));
            try
            {
                using var response = await SharedClient.GetAsync(url, cts.Token).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }
        };
    }
}
