using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos;

/// <summary>
/// A TCP proxy on 127.0.0.1 in front of a real endpoint that injects network faults (<see cref="Toxic"/>s) into the
/// traffic, in process: no server to install. Toxics can be added and removed while connections are open.
/// </summary>
/// <example>
/// <code>
/// await using var proxy = await ChaosProxy.StartAsync("127.0.0.1:5001");
/// using (proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(200), jitter: TimeSpan.FromMilliseconds(50))))
/// {
///     // talk to proxy.Endpoint instead of the service
/// }
/// </code>
/// </example>
public sealed class ChaosProxy : IAsyncDisposable, IDisposable
{
    private readonly ChaosProxyOptions _options;
    private readonly ChaosRandom _random;
    private readonly ConcurrentDictionary<ProxyConnection, byte> _connections = new();
    private readonly Lock _gate = new();
    private ImmutableArray<ActiveToxic> _toxics = [];
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;
    private long _accepted;
    private long _bytesUpstream;
    private long _bytesDownstream;
    private bool _disposed;

    private ChaosProxy(EndPoint upstream, ChaosProxyOptions options)
    {
        Upstream = upstream;
        _options = options;
        _random = new ChaosRandom(options.RandomSeed);
        Endpoint = new IPEndPoint(IPAddress.Loopback, options.ListenPort);
    }

    /// <summary>Where clients connect: 127.0.0.1 and the proxy's port.</summary>
    public IPEndPoint Endpoint { get; private set; }

    /// <summary>The proxy's address as <c>127.0.0.1:port</c>.</summary>
    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Endpoint.Port}");

    /// <summary>The proxy's address as an HTTP base URL, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri HttpUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Endpoint.Port}/"));

    /// <summary>The endpoint the proxy forwards to.</summary>
    public EndPoint Upstream { get; }

    /// <summary>Whether the proxy accepts connections (see <see cref="Disable"/>).</summary>
    public bool IsEnabled => Volatile.Read(ref _listener) is not null;

    /// <summary>The toxics in force, in the order they were added.</summary>
    public IReadOnlyList<Toxic> Toxics => [.. _toxics.Select(t => t.Toxic)];

    /// <summary>The number of open client connections.</summary>
    public int OpenConnections => _connections.Count;

    /// <summary>The number of client connections accepted since the start.</summary>
    public long AcceptedConnections => Interlocked.Read(ref _accepted);

    /// <summary>Bytes read from clients.</summary>
    public long BytesUpstream => Interlocked.Read(ref _bytesUpstream);

    /// <summary>Bytes read from the upstream endpoint.</summary>
    public long BytesDownstream => Interlocked.Read(ref _bytesDownstream);

    /// <summary>Starts a proxy in front of <paramref name="upstream"/> (<c>host:port</c> or an absolute URL).</summary>
    /// <param name="upstream">The endpoint to forward to, e.g. <c>127.0.0.1:5001</c> or <c>http://127.0.0.1:5001</c>.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="cancellationToken">Cancels resolving the upstream host.</param>
    public static async Task<ChaosProxy> StartAsync(string upstream, ChaosProxyOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (!ServiceEndpoint.TryParse(upstream, out var endpoint))
        {
            throw new ArgumentException($"upstream '{upstream}' is neither host:port nor an absolute URL", nameof(upstream));
        }

        var address = IPAddress.TryParse(endpoint.Host, out var ip)
            ? ip
            : (await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false)).First();
        return Start(new IPEndPoint(address, endpoint.Port), options);
    }

    /// <summary>Starts a proxy in front of <paramref name="upstream"/>.</summary>
    /// <param name="upstream">The endpoint to forward to.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public static ChaosProxy Start(EndPoint upstream, ChaosProxyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var proxy = new ChaosProxy(upstream, options ?? new ChaosProxyOptions());
        proxy.Enable();
        return proxy;
    }

    /// <summary>Puts <paramref name="toxic"/> in force on new and open connections until the returned scope is disposed.</summary>
    /// <param name="toxic">The fault to inject.</param>
    public ToxicScope Inject(Toxic toxic)
    {
        ArgumentNullException.ThrowIfNull(toxic);
        var entry = new ActiveToxic(toxic);
        lock (_gate)
        {
            _toxics = _toxics.Add(entry);
        }

        RefreshConnections();
        return new ToxicScope(this, entry);
    }

    /// <summary>Removes every toxic.</summary>
    public void RemoveAllToxics()
    {
        lock (_gate)
        {
            _toxics = [];
        }

        RefreshConnections();
    }

    /// <summary>Stops accepting (clients get "connection refused") and closes the open connections.</summary>
    public void Disable()
    {
        Socket? listener;
        lock (_gate)
        {
            listener = _listener;
            _listener = null;
        }

        listener?.Dispose();
        CloseConnections(reset: false);
    }

    /// <summary>Accepts connections again, on the same port.</summary>
    public void Enable()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_listener is not null)
            {
                return;
            }

            var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                listener.Bind(Endpoint);
                listener.Listen(512);
            }
            catch
            {
                listener.Dispose();
                throw;
            }

            Endpoint = (IPEndPoint)listener.LocalEndPoint!;
            _listener = listener;
            _accepting = AcceptAsync(listener);
        }
    }

    /// <summary>Closes every open connection (with a TCP RST when <paramref name="reset"/>); new connections are still accepted.</summary>
    /// <param name="reset">Reset instead of closing gracefully.</param>
    public void CloseConnections(bool reset = false)
    {
        foreach (var connection in _connections.Keys)
        {
            connection.Close(reset);
        }
    }

    /// <summary>Stops the proxy and closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        Dispose();
        try
        {
            await _accepting.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The accept loop ends with the listener; how it ended does not matter any more.
        }
    }

    /// <summary>Stops the proxy and closes every connection.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        Disable();
    }

    internal bool IsActive(ActiveToxic entry) => _toxics.Contains(entry);

    internal ActiveToxic Replace(ActiveToxic entry, Toxic toxic)
    {
        var replacement = new ActiveToxic(toxic);
        lock (_gate)
        {
            var index = _toxics.IndexOf(entry);
            _toxics = index >= 0 ? _toxics.SetItem(index, replacement) : _toxics.Add(replacement);
        }

        RefreshConnections();
        return replacement;
    }

    internal void Remove(ActiveToxic entry)
    {
        lock (_gate)
        {
            _toxics = _toxics.Remove(entry);
        }

        RefreshConnections();
    }

    internal void Forget(ProxyConnection connection) => _connections.TryRemove(connection, out _);

    internal void Count(ToxicDirection direction, long bytes)
    {
        if (direction == ToxicDirection.Upstream)
        {
            Interlocked.Add(ref _bytesUpstream, bytes);
        }
        else
        {
            Interlocked.Add(ref _bytesDownstream, bytes);
        }
    }

    private void RefreshConnections()
    {
        var toxics = _toxics;
        foreach (var connection in _connections.Keys)
        {
            connection.Refresh(toxics);
        }
    }

    private async Task AcceptAsync(Socket listener)
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return; // Disabled or disposed.
            }

            Interlocked.Increment(ref _accepted);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        client.NoDelay = true;
        var upstream = new Socket(Upstream.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(_options.UpstreamConnectTimeout);
            await upstream.ConnectAsync(Upstream, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The upstream is down: the client sees what it would see without the proxy, a refused (reset) connection.
            client.LingerState = new LingerOption(true, 0);
            client.Dispose();
            upstream.Dispose();
            return;
        }

        var connection = new ProxyConnection(this, client, upstream, _options.TimeProvider, _random, _options.BufferSize, _options.ZeroCopy ? SpliceReactor.Shared : null);
        _connections[connection] = 0;
        if (!IsEnabled)
        {
            connection.Close(reset: false);
            return;
        }

        connection.Refresh(_toxics);
        await connection.RunAsync().ConfigureAwait(false);
    }
}
