using System.Collections.Concurrent;
using System.Net.Sockets;

namespace Hologram.Testing;

/// <summary>
/// Checks whether a service accepts TCP connections, caching each answer briefly so a suite of tests
/// that need an absent service pays the connect timeout once, not once per test.
/// </summary>
public sealed class ServiceProbe
{
    private readonly ConcurrentDictionary<(string Host, int Port), Lazy<Task<Entry>>> _cache = new();
    private readonly TimeProvider _time;

    /// <summary>Creates a probe.</summary>
    /// <param name="connectTimeout">How long a connection attempt may take before the service counts as unreachable.</param>
    /// <param name="cacheFor">How long an answer is reused.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public ServiceProbe(TimeSpan connectTimeout, TimeSpan? cacheFor = null, TimeProvider? timeProvider = null)
    {
        ConnectTimeout = connectTimeout;
        CacheFor = cacheFor ?? TimeSpan.FromSeconds(30);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>How long an answer is reused.</summary>
    public TimeSpan CacheFor { get; }

    /// <summary>Returns null when the endpoint accepts a TCP connection, else why it does not.</summary>
    public async Task<string?> ProbeAsync(ServiceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var key = (endpoint.Host, endpoint.Port);
        while (true)
        {
            var created = false;
            var lazy = _cache.GetOrAdd(key, k =>
            {
                created = true;
                return new Lazy<Task<Entry>>(() => ConnectAsync(k.Host, k.Port));
            });
            var entry = await lazy.Value.ConfigureAwait(false);

            // A probe this call started is always the answer, whatever the cache period (even zero).
            if (created || _time.GetUtcNow() - entry.At <= CacheFor)
            {
                return entry.Problem;
            }

            // Expired: drop exactly this entry (another caller may have replaced it already) and probe again.
            _cache.TryRemove(new KeyValuePair<(string, int), Lazy<Task<Entry>>>(key, lazy));
        }
    }

    private async Task<Entry> ConnectAsync(string host, int port)
    {
        using var cts = new CancellationTokenSource(ConnectTimeout);
        using var client = new TcpClient();
        string? problem;
        try
        {
            await client.ConnectAsync(host, port, cts.Token).ConfigureAwait(false);
            problem = null;
        }
        catch (OperationCanceledException)
        {
            problem = $"no connection within {ConnectTimeout.TotalMilliseconds:0} ms";
        }
        catch (SocketException e)
        {
            problem = e.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.HostNotFound or SocketError.NoData => "host not found",
                _ => e.SocketErrorCode.ToString(),
            };
        }

        return new Entry(problem, _time.GetUtcNow());
    }

    private sealed record Entry(string? Problem, DateTimeOffset At);
}
