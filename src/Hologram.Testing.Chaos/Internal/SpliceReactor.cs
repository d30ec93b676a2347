using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>A pipe lent to a lane while bytes are in flight between its sockets.</summary>
internal sealed class SplicePipe(int readEnd, int writeEnd, int size)
{
    public int ReadEnd { get; } = readEnd;

    public int WriteEnd { get; } = writeEnd;

    public int Size { get; } = size;

    public void Close()
    {
        LinuxNative.Close(ReadEnd);
        LinuxNative.Close(WriteEnd);
    }
}

/// <summary>
/// One thread per process that forwards the lanes no toxic needs to see with non-blocking <c>splice(2)</c> through a
/// pipe, driven by edge-triggered <c>epoll</c>: socket → pipe → socket, no copy through user space, no thread or
/// task per connection, nothing running while connections are idle. A lane borrows a pipe only while bytes are in it.
/// </summary>
/// <remarks>
/// Every socket descriptor is used under a reference on its <see cref="SafeHandle"/>, so a connection closing on
/// another thread cannot hand the number to a new socket mid-call. Callbacks to connections run on the thread pool.
/// </remarks>
internal sealed unsafe class SpliceReactor
{
    private const int PipeCapacity = 1024 * 1024;
    private const int MaxPooledPipes = 64;
    private const int MaxEvents = 256;
    private const int ReadsPerTurn = 32;
    private static readonly Lazy<SpliceReactor?> LazyShared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly int _epoll;
    private readonly int _wake;
    private readonly ConcurrentQueue<(Command Command, ProxyConnection Connection, ProxyLane? Lane)> _commands = new();
    private readonly Dictionary<long, ProxyConnection> _connections = [];
    private readonly Stack<SplicePipe> _pipes = new();
    private readonly List<ProxyLane> _again = [];
    private long _nextId;
    private int _signalled;

    private SpliceReactor(int epoll, int wake)
    {
        _epoll = epoll;
        _wake = wake;
    }

    private enum Command
    {
        Add,
        Start,
        Stop,
        Forget,
    }

    /// <summary>The process's reactor; null where zero-copy forwarding is not available (not Linux, or setup refused).</summary>
    public static SpliceReactor? Shared => LazyShared.Value;

    public long NextId() => Interlocked.Increment(ref _nextId);

    public void Add(ProxyConnection connection) => Post(Command.Add, connection, null);

    /// <summary>Starts splicing <paramref name="lane"/>; its pipe is empty and no copy loop reads its source.</summary>
    public void Start(ProxyLane lane) => Post(Command.Start, lane.Owner, lane);

    /// <summary>Stops splicing <paramref name="lane"/> once its pipe is drained; then calls <see cref="ProxyConnection.OnSpliceStopped"/>.</summary>
    public void Stop(ProxyLane lane) => Post(Command.Stop, lane.Owner, lane);

    public void Forget(ProxyConnection connection) => Post(Command.Forget, connection, null);

    private static SpliceReactor? Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var epoll = LinuxNative.CreateEpoll();
            if (epoll < 0)
            {
                return null;
            }

            var wake = LinuxNative.CreateEventFd();
            if (wake < 0 || LinuxNative.EpollControl(epoll, LinuxNative.EPOLL_CTL_ADD, wake, LinuxNative.EPOLLIN, 0) != 0)
            {
                LinuxNative.Close(epoll);
                return null;
            }

            var reactor = new SpliceReactor(epoll, wake);
            var thread = new Thread(reactor.Run) { IsBackground = true, Name = "ChaosProxy splice" };
            thread.Start();
            return reactor;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // A libc without these calls: the copy loop forwards everything.
        }
    }

    private static void Callback(Action<ProxyLane> action, ProxyLane lane) =>
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Action(s.Lane), (Action: action, Lane: lane), preferLocal: false);

    private static bool TryEnter(Socket socket, out int fd)
    {
        var entered = false;
        try
        {
            socket.SafeHandle.DangerousAddRef(ref entered);
            fd = (int)socket.SafeHandle.DangerousGetHandle();
            return true;
        }
        catch (ObjectDisposedException)
        {
            if (entered)
            {
                socket.SafeHandle.DangerousRelease();
            }

            fd = -1;
            return false;
        }
    }

    private static void Exit(Socket socket) => socket.SafeHandle.DangerousRelease();

    private void Post(Command command, ProxyConnection connection, ProxyLane? lane)
    {
        _commands.Enqueue((command, connection, lane));
        if (Interlocked.Exchange(ref _signalled, 1) == 0)
        {
            LinuxNative.Signal(_wake);
        }
    }

    private void Run()
    {
        var events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxNative.EpollEventSize));
        while (true)
        {
            var count = LinuxNative.EpollWait(_epoll, events, MaxEvents, _again.Count > 0 ? 0 : -1);
            if (count < 0)
            {
                continue; // EINTR: wait again.
            }

            for (var i = 0; i < count; i++)
            {
                var data = *(long*)(events + (i * LinuxNative.EpollEventSize) + LinuxNative.EpollDataOffset);
                if (data == 0)
                {
                    // Drain, then re-arm, then run: a post that saw the flag still set was queued before the re-arm.
                    LinuxNative.Drain(_wake);
                    Volatile.Write(ref _signalled, 0);
                    RunCommands();
                }
                else if (_connections.TryGetValue(data, out var connection))
                {
                    SafePump(connection.Up);
                    SafePump(connection.Down);
                }
            }

            if (_again.Count > 0)
            {
                // Lanes that used up their turn with data still coming: edge-triggered epoll will not report them again.
                var again = _again.ToArray();
                _again.Clear();
                foreach (var lane in again)
                {
                    SafePump(lane);
                }
            }
        }
    }

    private void RunCommands()
    {
        while (_commands.TryDequeue(out var item))
        {
            try
            {
                var (command, connection, lane) = item;
                switch (command)
                {
                    case Command.Add:
                        _connections[connection.Id] = connection;
                        break;
                    case Command.Start:
                        lane!.Active = true;
                        lane.StopRequested = false;
                        UpdateRegistration(connection);
                        Pump(lane);
                        break;
                    case Command.Stop when lane!.Active:
                        lane.StopRequested = true;
                        Pump(lane);
                        break;
                    case Command.Stop:
                        break; // The lane ended (end of stream or failure) before the stop came: that path reports it.
                    case Command.Forget:
                        Drop(connection);
                        break;
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // One connection's trouble must not stop the thread serving all of them: reset that connection.
                item.Connection.FailFromReactor();
            }
        }
    }

    private void Drop(ProxyConnection connection)
    {
        foreach (var lane in new[] { connection.Up, connection.Down })
        {
            lane.Active = false;
            lane.Pipe?.Close(); // Bytes may be left in it: never lend it again.
            lane.Pipe = null;
            lane.InPipe = 0;
        }

        UpdateRegistration(connection);
        _connections.Remove(connection.Id);
    }

    /// <summary>Keeps the connection's sockets in the epoll set while either of its lanes is spliced, and only then.</summary>
    private void UpdateRegistration(ProxyConnection connection)
    {
        var wanted = connection.Up.Active || connection.Down.Active;
        if (wanted == connection.Registered)
        {
            return;
        }

        connection.Registered = wanted;
        foreach (var socket in new[] { connection.Client, connection.UpstreamSocket })
        {
            if (!TryEnter(socket, out var fd))
            {
                continue; // Closed: the kernel dropped it from the set already.
            }

            try
            {
                var result = wanted
                    ? LinuxNative.EpollControl(_epoll, LinuxNative.EPOLL_CTL_ADD, fd, LinuxNative.EPOLLIN | LinuxNative.EPOLLOUT | LinuxNative.EPOLLRDHUP | LinuxNative.EPOLLET, connection.Id)
                    : LinuxNative.EpollControl(_epoll, LinuxNative.EPOLL_CTL_DEL, fd, 0, 0);
                if (result != 0 && wanted)
                {
                    throw new SocketException(LinuxNative.LastError);
                }
            }
            finally
            {
                Exit(socket);
            }
        }
    }

    private SplicePipe? RentPipe()
    {
        if (_pipes.TryPop(out var pipe))
        {
            return pipe;
        }

        return LinuxNative.TryCreatePipe(PipeCapacity, out var readEnd, out var writeEnd, out var size) ? new SplicePipe(readEnd, writeEnd, size) : null;
    }

    private void ReturnPipe(SplicePipe pipe)
    {
        if (_pipes.Count < MaxPooledPipes)
        {
            _pipes.Push(pipe);
        }
        else
        {
            pipe.Close();
        }
    }

    private void SafePump(ProxyLane lane)
    {
        try
        {
            Pump(lane);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            lane.Active = false;
            lane.Owner.FailFromReactor(); // As for a command: reset this connection, keep serving the others.
        }
    }

    /// <summary>Moves what the lane's source has to its destination until one of them would block (or the turn is up).</summary>
    private void Pump(ProxyLane lane)
    {
        if (!lane.Active)
        {
            return;
        }

        if (!TryEnter(lane.Source, out var source))
        {
            lane.Active = false;
            return;
        }

        if (!TryEnter(lane.Destination, out var destination))
        {
            Exit(lane.Source);
            lane.Active = false;
            return;
        }

        try
        {
            Move(lane, source, destination);
        }
        finally
        {
            Exit(lane.Destination);
            Exit(lane.Source);
        }
    }

    private void Move(ProxyLane lane, int source, int destination)
    {
        var reads = 0;
        while (true)
        {
            if (lane.InPipe > 0)
            {
                var sent = LinuxNative.Splice(lane.Pipe!.ReadEnd, destination, lane.InPipe);
                if (sent < 0)
                {
                    var error = LinuxNative.LastError;
                    if (error == LinuxNative.EINTR)
                    {
                        continue;
                    }

                    if (error != LinuxNative.EAGAIN)
                    {
                        End(lane, lane.Owner.OnSpliceFailed);
                    }

                    return; // EAGAIN: the destination is full; its EPOLLOUT edge brings us back.
                }

                lane.InPipe -= sent;
                continue;
            }

            if (lane.Pipe is { } drained)
            {
                lane.Pipe = null;
                ReturnPipe(drained);
            }

            if (lane.StopRequested)
            {
                // The pipe is empty: every byte read from the source has reached the destination. The copy loop takes over.
                End(lane, lane.Owner.OnSpliceStopped);
                return;
            }

            if (++reads > ReadsPerTurn)
            {
                _again.Add(lane);
                return;
            }

            var pipe = RentPipe();
            if (pipe is null)
            {
                End(lane, lane.Owner.OnSpliceUnavailable);
                return;
            }

            var read = LinuxNative.Splice(source, pipe.WriteEnd, pipe.Size);
            if (read <= 0)
            {
                var error = read < 0 ? LinuxNative.LastError : 0;
                ReturnPipe(pipe);
                if (read < 0 && error == LinuxNative.EINTR)
                {
                    continue;
                }

                if (read < 0 && error == LinuxNative.EAGAIN)
                {
                    return; // Nothing to read: the source's EPOLLIN edge brings us back.
                }

                if (read == 0)
                {
                    End(lane, lane.Owner.OnSpliceEnded);
                }
                else if (!lane.Moved && error is 22 or 38 or 95)
                {
                    End(lane, lane.Owner.OnSpliceUnavailable); // EINVAL, ENOSYS, EOPNOTSUPP before any byte moved.
                }
                else
                {
                    End(lane, lane.Owner.OnSpliceFailed);
                }

                return;
            }

            lane.Moved = true;
            lane.Pipe = pipe;
            lane.InPipe = read;
            lane.Owner.Count(lane.Direction, read);
        }
    }

    private void End(ProxyLane lane, Action<ProxyLane> callback)
    {
        lane.Active = false;
        lane.StopRequested = false;
        UpdateRegistration(lane.Owner);
        Callback(callback, lane);
    }
}
