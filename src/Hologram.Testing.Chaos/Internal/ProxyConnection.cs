using System.Buffers;
using System.Collections.Immutable;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>
/// One client connection through a <see cref="ChaosProxy"/>: two pumps (upstream, downstream), each a reader that stamps
/// chunks with their arrival time and a writer that applies the toxics in force before sending them on.
/// </summary>
internal sealed class ProxyConnection : IDisposable
{
    private const int ChannelCapacity = 8;
    private static readonly List<(Toxic Toxic, ToxicState State)> NoToxics = [];
    private readonly ChaosProxy _proxy;
    private readonly Socket _client;
    private readonly Socket _upstream;
    private readonly TimeProvider _time;
    private readonly ChaosRandom _random;
    private readonly int _bufferSize;
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _gate = new();
    private Dictionary<ActiveToxic, ToxicState> _states = [];
    private int _closed;

    public ProxyConnection(ChaosProxy proxy, Socket client, Socket upstream, TimeProvider time, ChaosRandom random, int bufferSize)
    {
        _proxy = proxy;
        _client = client;
        _upstream = upstream;
        _time = time;
        _random = random;
        _bufferSize = bufferSize;
    }

    public async Task RunAsync()
    {
        try
        {
            var up = PumpAsync(_client, _upstream, ToxicDirection.Upstream);
            var down = PumpAsync(_upstream, _client, ToxicDirection.Downstream);
            await Task.WhenAll(up, down).ConfigureAwait(false);
        }
        finally
        {
            Close(reset: false);
        }
    }

    /// <summary>Takes in the proxy's current toxics: rolls toxicity for new ones and starts their timers.</summary>
    public void Refresh(ImmutableArray<ActiveToxic> toxics)
    {
        var started = new List<(ActiveToxic Entry, ToxicState State)>();
        lock (_gate)
        {
            var next = new Dictionary<ActiveToxic, ToxicState>(toxics.Length);
            foreach (var entry in toxics)
            {
                if (!_states.TryGetValue(entry, out var state))
                {
                    state = new ToxicState(_random.Chance(entry.Toxic.Toxicity), _time.GetTimestamp());
                    started.Add((entry, state));
                }

                next[entry] = state;
            }

            _states = next;
        }

        foreach (var (entry, state) in started.Where(s => s.State.Affects))
        {
            switch (entry.Toxic)
            {
                case ResetPeerToxic reset:
                    _ = AfterAsync(entry, reset.After, () => Close(reset: true));
                    break;
                case TimeoutToxic { CloseAfter: var timeout } when timeout > TimeSpan.Zero:
                    _ = AfterAsync(entry, timeout, () => Close(reset: false));
                    break;
            }
        }
    }

    /// <summary>Closes both sockets gracefully.</summary>
    public void Dispose() => Close(reset: false);

    /// <summary>Closes both sockets; with <paramref name="reset"/>, with a TCP RST instead of a FIN.</summary>
    public void Close(bool reset)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        _cts.Cancel();
        foreach (var socket in new[] { _client, _upstream })
        {
            try
            {
                if (reset)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                else if (socket.Connected)
                {
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                // The peer is gone already; closing below is all that is left to do.
            }

            socket.Dispose();
        }

        _cts.Dispose();
        _proxy.Forget(this);
    }

    private async Task AfterAsync(ActiveToxic entry, TimeSpan delay, Action action)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await DelayUntilAsync(_time.GetTimestamp(), delay, _cts.Token).ConfigureAwait(false);
            }

            bool stillApplies;
            lock (_gate)
            {
                stillApplies = _states.ContainsKey(entry);
            }

            if (stillApplies)
            {
                action();
            }
        }
        catch (OperationCanceledException)
        {
            // The connection closed before the toxic fired.
        }
        catch (ObjectDisposedException)
        {
            // Same: the connection closed (and disposed its token source) first.
        }
    }

    private async Task PumpAsync(Socket source, Socket destination, ToxicDirection direction)
    {
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
        CancellationToken token;
        try
        {
            token = _cts.Token;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        var reading = ReadAsync(source, channel.Writer, direction, token);
        var writing = WriteAsync(destination, channel.Reader, direction, token);
        await Task.WhenAll(reading, writing).ConfigureAwait(false);
    }

    private async Task ReadAsync(Socket source, ChannelWriter<Chunk> output, ToxicDirection direction, CancellationToken token)
    {
        try
        {
            while (true)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                int read;
                try
                {
                    read = await source.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                }
                catch
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    throw;
                }

                if (read == 0)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    output.TryComplete();
                    return;
                }

                _proxy.Count(direction, read);
                await output.WriteAsync(new Chunk(buffer, read, _time.GetTimestamp()), token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // A reset or a close on this side: the writer passes it on (as a reset) unless the connection is closing anyway.
            output.TryComplete(ex);
        }
    }

    private async Task WriteAsync(Socket destination, ChannelReader<Chunk> input, ToxicDirection direction, CancellationToken token)
    {
        try
        {
            await foreach (var chunk in input.ReadAllAsync(token).ConfigureAwait(false))
            {
                bool keepOpen;
                try
                {
                    keepOpen = await ForwardAsync(destination, chunk, direction, token).ConfigureAwait(false);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(chunk.Buffer);
                }

                if (!keepOpen)
                {
                    Close(reset: false);
                    return;
                }
            }

            // The sender finished: pass its close on, late if a slow-close toxic says so.
            var slowClose = Affecting(direction).Select(t => t.Toxic).OfType<SlowCloseToxic>().Select(t => t.Delay).DefaultIfEmpty().Max();
            if (slowClose > TimeSpan.Zero)
            {
                await DelayUntilAsync(_time.GetTimestamp(), slowClose, token).ConfigureAwait(false);
            }

            destination.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (Volatile.Read(ref _closed) == 0 && ex is not OperationCanceledException)
        {
            // One side failed (reset, refused write): make the other side see a reset too.
            Close(reset: true);
        }
        catch (Exception)
        {
            // The connection is closing (a toxic fired, the proxy was disabled or disposed): nothing left to forward.
        }
    }

    /// <summary>Applies the toxics to one chunk and sends what is left; returns false when the connection must close.</summary>
    private async Task<bool> ForwardAsync(Socket destination, Chunk chunk, ToxicDirection direction, CancellationToken token)
    {
        var toxics = Affecting(direction);
        if (toxics.Count == 0)
        {
            await destination.SendAsync(chunk.Memory, SocketFlags.None, token).ConfigureAwait(false);
            return true;
        }

        if (toxics.Any(t => t.Toxic is TimeoutToxic))
        {
            return true; // A black hole: the data is dropped; the timer (if any) closes the connection.
        }

        var delay = TimeSpan.Zero;
        foreach (var latency in toxics.Select(t => t.Toxic).OfType<LatencyToxic>())
        {
            var jitter = latency.Jitter > TimeSpan.Zero ? latency.Jitter * ((_random.NextDouble() * 2) - 1) : TimeSpan.Zero;
            delay += latency.Delay + jitter;
        }

        if (delay > TimeSpan.Zero)
        {
            await DelayUntilAsync(chunk.ArrivedAt, delay, token).ConfigureAwait(false);
        }

        var data = chunk.Memory;
        var keepOpen = true;
        var index = direction == ToxicDirection.Downstream ? 0 : 1;
        foreach (var (toxic, state) in toxics)
        {
            if (toxic is LimitDataToxic limit)
            {
                var left = Math.Max(0, limit.Bytes - state.Bytes[index]);
                if (data.Length >= left)
                {
                    data = data[..(int)left];
                    keepOpen = false;
                }
            }
        }

        foreach (var (toxic, state) in toxics)
        {
            if (toxic is LimitDataToxic)
            {
                state.Bytes[index] += data.Length;
            }
        }

        var slicer = toxics.Select(t => t.Toxic).OfType<SlicerToxic>().FirstOrDefault();
        var bandwidth = toxics.Where(t => t.Toxic is BandwidthToxic).OrderBy(t => ((BandwidthToxic)t.Toxic).BytesPerSecond).FirstOrDefault();
        if (slicer is null && bandwidth.Toxic is null)
        {
            if (!data.IsEmpty)
            {
                await destination.SendAsync(data, SocketFlags.None, token).ConfigureAwait(false);
            }

            return keepOpen;
        }

        while (!data.IsEmpty)
        {
            var size = slicer is null ? data.Length : _random.NextInclusive(slicer.AverageSize - slicer.SizeVariation, slicer.AverageSize + slicer.SizeVariation);
            if (bandwidth is { Toxic: BandwidthToxic limit, State: var state })
            {
                // Pace in quanta of about 20 ms so the rate holds over short windows too.
                size = (int)Math.Min(size, Math.Max(1, limit.BytesPerSecond / 50));
                var now = _time.GetTimestamp();
                var next = state.NextSend[index];
                if (next > now)
                {
                    await DelayUntilAsync(now, _time.GetElapsedTime(now, next), token).ConfigureAwait(false);
                }

                var start = Math.Max(next, _time.GetTimestamp());
                state.NextSend[index] = start + (long)((double)Math.Min(size, data.Length) / limit.BytesPerSecond * _time.TimestampFrequency);
            }

            var piece = data[..Math.Min(size, data.Length)];
            await destination.SendAsync(piece, SocketFlags.None, token).ConfigureAwait(false);
            data = data[piece.Length..];
            if (slicer is not null && !data.IsEmpty && slicer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(slicer.Delay, _time, token).ConfigureAwait(false);
            }
        }

        return keepOpen;
    }

    /// <summary>Waits until <paramref name="delay"/> has passed since <paramref name="from"/>; never early (timers may fire a tick early).</summary>
    private async Task DelayUntilAsync(long from, TimeSpan delay, CancellationToken token)
    {
        while (true)
        {
            var left = delay - _time.GetElapsedTime(from);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), _time, token).ConfigureAwait(false);
        }
    }

    private List<(Toxic Toxic, ToxicState State)> Affecting(ToxicDirection direction)
    {
        lock (_gate)
        {
            if (_states.Count == 0)
            {
                return NoToxics;
            }

            var list = new List<(Toxic, ToxicState)>(_states.Count);
            foreach (var (entry, state) in _states)
            {
                if (state.Affects && entry.Toxic.AppliesTo(direction))
                {
                    list.Add((entry.Toxic, state));
                }
            }

            return list;
        }
    }

    private readonly record struct Chunk(byte[] Buffer, int Length, long ArrivedAt)
    {
        public ReadOnlyMemory<byte> Memory => Buffer.AsMemory(0, Length);
    }
}
