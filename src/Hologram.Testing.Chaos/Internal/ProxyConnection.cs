using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>
/// One client connection through a <see cref="ChaosProxy"/>: two lanes (upstream, downstream). A lane that no toxic in
/// force needs to see is spliced by the <see cref="SpliceReactor"/> (zero copy); otherwise a copy loop forwards it, a
/// reader that stamps chunks with their arrival time and a writer that applies the toxics before sending them on. A lane
/// switches path only where nothing is in flight: the splice pipe is drained, or the copy loop's queue is flushed.
/// </summary>
internal sealed class ProxyConnection : IDisposable
{
    private const int ChannelCapacity = 8;
    private static readonly TimeSpan FinalWait = TimeSpan.FromMilliseconds(2);
    private static readonly List<(Toxic Toxic, ToxicState State)> NoToxics = [];
    private readonly ChaosProxy _proxy;
    private readonly TimeProvider _time;
    private readonly ChaosRandom _random;
    private readonly int _bufferSize;
    private readonly SpliceReactor? _reactor;
    private readonly CancellationTokenSource _cts = new();
    private readonly Lock _gate = new();
    private Dictionary<ActiveToxic, ToxicState> _states = [];
    private bool _spliceable;
    private int _closed;

    public ProxyConnection(ChaosProxy proxy, Socket client, Socket upstream, TimeProvider time, ChaosRandom random, int bufferSize, SpliceReactor? reactor)
    {
        _proxy = proxy;
        Client = client;
        UpstreamSocket = upstream;
        _time = time;
        _random = random;
        _bufferSize = bufferSize;
        Up = new ProxyLane(this, ToxicDirection.Upstream, client, upstream);
        Down = new ProxyLane(this, ToxicDirection.Downstream, upstream, client);
        if (reactor is not null)
        {
            try
            {
                // splice(2) must never block the reactor thread; the copy loop's asynchronous calls work either way.
                client.Blocking = false;
                upstream.Blocking = false;
                _reactor = reactor;
                _spliceable = true;
                Id = reactor.NextId();
            }
            catch (SocketException)
            {
                _reactor = null;
            }
        }
    }

    public Socket Client { get; }

    public Socket UpstreamSocket { get; }

    public ProxyLane Up { get; }

    public ProxyLane Down { get; }

    /// <summary>The reactor's key for this connection.</summary>
    public long Id { get; }

    /// <summary>Whether the sockets are in the reactor's epoll set (reactor thread only).</summary>
    public bool Registered { get; set; }

    public async Task RunAsync()
    {
        try
        {
            _reactor?.Add(this);
            Begin(Up);
            Begin(Down);
            await Task.WhenAll(Up.Done.Task, Down.Done.Task).ConfigureAwait(false);
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

        Settle(Up);
        Settle(Down);
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
        foreach (var socket in new[] { Client, UpstreamSocket })
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

        _reactor?.Forget(this);
        Up.Done.TrySetResult();
        Down.Done.TrySetResult();
        _proxy.Forget(this);
    }

    /// <summary>Counts bytes read from a source.</summary>
    public void Count(ToxicDirection direction, long bytes) => _proxy.Count(direction, bytes);

    /// <summary>The reactor drained the lane's pipe after a stop: the copy loop takes over.</summary>
    public void OnSpliceStopped(ProxyLane lane) => StartCopy(lane, unavailable: false);

    /// <summary>splice(2) is refused for these sockets: the copy loop forwards both lanes from now on.</summary>
    public void OnSpliceUnavailable(ProxyLane lane) => StartCopy(lane, unavailable: true);

    /// <summary>The spliced lane's source finished: pass its close on, late if a slow-close toxic says so.</summary>
    public void OnSpliceEnded(ProxyLane lane) => _ = FinishAsync(lane);

    /// <summary>A spliced lane failed (a reset, a refused write): the other side sees a reset too.</summary>
    public void OnSpliceFailed(ProxyLane lane)
    {
        Close(reset: Volatile.Read(ref _closed) == 0);
        lane.Done.TrySetResult();
    }

    /// <summary>The reactor hit an unexpected error on this connection.</summary>
    public void FailFromReactor() => ThreadPool.UnsafeQueueUserWorkItem(static c => c.Close(reset: true), this, preferLocal: false);

    /// <summary>Puts a lane on the path its toxics call for and starts it.</summary>
    private void Begin(ProxyLane lane)
    {
        bool copy;
        lock (_gate)
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                lane.Done.TrySetResult();
                return;
            }

            copy = !_spliceable || NeedsBytes(lane.Direction);
            lane.Mode = copy ? LaneMode.Copy : LaneMode.Splice;
            if (copy)
            {
                lane.Handoff = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
            }
        }

        if (copy)
        {
            _ = CopyAsync(lane);
        }
        else
        {
            _reactor!.Start(lane);
        }

        Settle(lane);
    }

    /// <summary>Starts a switch when the lane's path no longer fits the toxics in force; the other path starts once the current one is drained.</summary>
    private void Settle(ProxyLane lane)
    {
        CancellationTokenSource? handoff = null;
        lock (_gate)
        {
            if (Volatile.Read(ref _closed) != 0 || lane.Switching || lane.Mode is LaneMode.NotStarted or LaneMode.Done)
            {
                return;
            }

            var copy = !_spliceable || NeedsBytes(lane.Direction);
            if (lane.Mode == LaneMode.Splice && copy)
            {
                lane.Switching = true;
                _reactor!.Stop(lane);
            }
            else if (lane.Mode == LaneMode.Copy && !copy)
            {
                lane.Switching = true;
                handoff = lane.Handoff;
            }
        }

        try
        {
            handoff?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The copy loop ended meanwhile (the connection closed).
        }
    }

    private void StartCopy(ProxyLane lane, bool unavailable)
    {
        lock (_gate)
        {
            if (unavailable)
            {
                _spliceable = false;
            }

            if (Volatile.Read(ref _closed) != 0)
            {
                lane.Done.TrySetResult();
                return;
            }

            lane.Mode = LaneMode.Copy;
            lane.Switching = false;
            lane.Handoff = CancellationTokenSource.CreateLinkedTokenSource(_cts.Token);
        }

        _ = CopyAsync(lane);
        Settle(lane);
        if (unavailable)
        {
            Settle(lane == Up ? Down : Up);
        }
    }

    /// <summary>Runs the copy loop for a lane until the stream ends or the lane is handed back to the splice path.</summary>
    private async Task CopyAsync(ProxyLane lane)
    {
        var handoff = lane.Handoff!;
        var handedOff = false;
        try
        {
            handedOff = await PumpAsync(lane, handoff.Token).ConfigureAwait(false);
        }
        finally
        {
            handoff.Dispose();
        }

        if (!handedOff)
        {
            lane.Done.TrySetResult();
            return;
        }

        lock (_gate)
        {
            if (Volatile.Read(ref _closed) != 0)
            {
                lane.Done.TrySetResult();
                return;
            }

            lane.Mode = LaneMode.Splice;
            lane.Switching = false;
            lane.Handoff = null;
            _reactor!.Start(lane);
        }

        Settle(lane);
    }

    private async Task FinishAsync(ProxyLane lane)
    {
        try
        {
            var slowClose = SlowCloseDelay(lane.Direction);
            if (slowClose > TimeSpan.Zero)
            {
                await DelayUntilAsync(_time.GetTimestamp(), slowClose, _cts.Token).ConfigureAwait(false);
            }

            lane.Destination.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (Volatile.Read(ref _closed) == 0 && ex is not OperationCanceledException)
        {
            Close(reset: true);
        }
        catch (Exception)
        {
            // The connection is closing: nothing left to pass on.
        }
        finally
        {
            lock (_gate)
            {
                lane.Mode = LaneMode.Done;
            }

            lane.Done.TrySetResult();
        }
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

    /// <summary>The copy loop of one lane; true when it stopped to hand the lane back to the splice path.</summary>
    private async Task<bool> PumpAsync(ProxyLane lane, CancellationToken handoff)
    {
        var channel = Channel.CreateBounded<Chunk>(new BoundedChannelOptions(ChannelCapacity)
        {
            SingleReader = true,
            SingleWriter = true,
            AllowSynchronousContinuations = true,
        });
        var token = _cts.Token;
        lane.HandedOff = false;
        var reading = ReadAsync(lane, channel.Writer, handoff, token);
        var writing = WriteAsync(lane, channel.Reader, token);
        await Task.WhenAll(reading, writing).ConfigureAwait(false);
        return lane.HandedOff && Volatile.Read(ref _closed) == 0;
    }

    private async Task ReadAsync(ProxyLane lane, ChannelWriter<Chunk> output, CancellationToken handoff, CancellationToken token)
    {
        var source = lane.Source;
        try
        {
            // On Linux the kernel stamps each read with when its bytes reached the host: a latency then counts from
            // there, so this loop's own wake-up (readiness, then a thread-pool thread) is inside the delay, not added to it.
            var stamped = _time == TimeProvider.System && LinuxNative.CanStampReceives && WithFd(source, LinuxNative.EnableReceiveStamps);
            while (true)
            {
                // Wait for data without holding a buffer (idle connections cost no memory), and where a handoff can
                // stop the loop without a byte taken from the socket.
                try
                {
                    await source.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, handoff).ConfigureAwait(false);
                }
                catch (Exception ex) when (handoff.IsCancellationRequested && !token.IsCancellationRequested && ex is OperationCanceledException or SocketException)
                {
                    // Handed back: the cancelled wait took nothing from the socket.
                }

                if (handoff.IsCancellationRequested && !token.IsCancellationRequested)
                {
                    lane.HandedOff = true;
                    output.TryComplete();
                    return;
                }

                var buffer = ArrayPool<byte>.Shared.Rent(_bufferSize);
                int read;
                long arrivedAt;
                try
                {
                    if (stamped)
                    {
                        read = ReceiveStamped(source, buffer, out arrivedAt);
                        if (read < 0)
                        {
                            ArrayPool<byte>.Shared.Return(buffer);
                            continue; // Ready, then nothing to read after all: wait again.
                        }
                    }
                    else
                    {
                        read = await source.ReceiveAsync(buffer, SocketFlags.None, token).ConfigureAwait(false);
                        arrivedAt = _time.GetTimestamp();
                    }
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

                _proxy.Count(lane.Direction, read);
                await output.WriteAsync(new Chunk(buffer, read, arrivedAt), token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // A reset or a close on this side: the writer passes it on (as a reset) unless the connection is closing anyway.
            output.TryComplete(ex);
        }
    }

    private static bool WithFd(Socket socket, Func<int, bool> action)
    {
        var entered = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref entered);
            return action((int)socket.SafeHandle.DangerousGetHandle());
        }
        finally
        {
            if (entered)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    /// <summary>
    /// Reads what <paramref name="socket"/> holds without blocking: the byte count (0 at the end of the stream, -1 when
    /// there was nothing after all) and, in <paramref name="arrivedAt"/>, when the bytes reached the host (now if unstamped).
    /// </summary>
    private unsafe int ReceiveStamped(Socket socket, byte[] buffer, out long arrivedAt)
    {
        var entered = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref entered);
            long read;
            long realtime;
            fixed (byte* data = buffer)
            {
                read = LinuxNative.ReceiveStamped((int)socket.SafeHandle.DangerousGetHandle(), data, buffer.Length, out realtime);
            }

            var now = _time.GetTimestamp();
            arrivedAt = now;
            if (read < 0)
            {
                var error = LinuxNative.LastError;
                if (error is LinuxNative.EAGAIN or LinuxNative.EINTR)
                {
                    return -1;
                }

                throw new SocketException((int)(error == LinuxNative.ECONNRESET ? SocketError.ConnectionReset : SocketError.SocketError));
            }

            if (realtime > 0)
            {
                // The stamp is on the real-time clock: its age, taken on the same clock, moves back the monotonic now.
                var age = ((_time.GetUtcNow().UtcTicks - DateTime.UnixEpoch.Ticks) * 100) - realtime;
                if (age is > 0 and < 1_000_000_000)
                {
                    arrivedAt = now - (long)(age * (_time.TimestampFrequency / 1e9));
                }
            }

            return (int)read;
        }
        finally
        {
            if (entered)
            {
                socket.SafeHandle.DangerousRelease();
            }
        }
    }

    private async Task WriteAsync(ProxyLane lane, ChannelReader<Chunk> input, CancellationToken token)
    {
        var destination = lane.Destination;
        var direction = lane.Direction;
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

            if (lane.HandedOff)
            {
                return; // Every chunk read is sent: the splice path goes on from here.
            }

            // The sender finished: pass its close on, late if a slow-close toxic says so.
            var slowClose = SlowCloseDelay(direction);
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
        if (_time == TimeProvider.System && PreciseTimer.Shared is { } timer)
        {
            // The system clock's timestamps are Stopwatch's: the precise timer ends the wait within microseconds of it,
            // and what follows (the delayed send) runs on its thread without a further hop.
            // A delay too long to count in timestamps (TimeSpan.MaxValue and the like) waits for ever, not for nothing.
            var ticks = Math.Ceiling(delay.TotalSeconds * Stopwatch.Frequency);
            var due = ticks < (long.MaxValue / 2) - from ? from + (long)ticks : long.MaxValue / 2;
            if (Stopwatch.GetTimestamp() < due)
            {
                await timer.WaitUntilAsync(due, token).ConfigureAwait(false);
            }

            return;
        }

        while (true)
        {
            var left = delay - _time.GetElapsedTime(from);
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            if (_time != TimeProvider.System)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(left.TotalMilliseconds)), _time, token).ConfigureAwait(false);
            }
            else if (left > FinalWait)
            {
                // Timers fire on a millisecond tick and often late: sleep to about 2 ms before the due time...
                await Task.Delay(left - FinalWait, _time, token).ConfigureAwait(false);
            }
            else
            {
                // ...and wait out the rest yielding the core, so the delay ends within microseconds of the set one.
                token.ThrowIfCancellationRequested();
                Thread.Yield();
            }
        }
    }

    private TimeSpan SlowCloseDelay(ToxicDirection direction) =>
        Affecting(direction).Select(t => t.Toxic).OfType<SlowCloseToxic>().Select(t => t.Delay).DefaultIfEmpty().Max();

    /// <summary>
    /// Whether a toxic in force must see or delay the bytes of <paramref name="direction"/> (caller holds the lock).
    /// Reset-peer and slow-close act on the connection, not on its bytes, and their timers run on the precise timer's
    /// thread, so a spliced lane (which never waits for the thread pool) cannot outrun them.
    /// </summary>
    private bool NeedsBytes(ToxicDirection direction)
    {
        foreach (var (entry, state) in _states)
        {
            if (state.Affects && entry.Toxic.AppliesTo(direction) && entry.Toxic is not (ResetPeerToxic or SlowCloseToxic))
            {
                return true;
            }
        }

        return false;
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
