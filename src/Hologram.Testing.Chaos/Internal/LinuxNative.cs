using System.Runtime.InteropServices;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>The Linux system calls behind zero-copy forwarding (pipes, <c>splice</c>, <c>epoll</c>, an <c>eventfd</c>) and the precise timer (<c>timerfd</c>).</summary>
internal static unsafe partial class LinuxNative
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;
    public const int ECONNRESET = 104;

    public const uint EPOLLIN = 0x001;
    public const uint EPOLLOUT = 0x004;
    public const uint EPOLLERR = 0x008;
    public const uint EPOLLHUP = 0x010;
    public const uint EPOLLRDHUP = 0x2000;
    public const uint EPOLLET = 1u << 31;

    public const int EPOLL_CTL_ADD = 1;
    public const int EPOLL_CTL_DEL = 2;

    public const uint SPLICE_F_MOVE = 1;
    public const uint SPLICE_F_NONBLOCK = 2;

    private const int O_NONBLOCK = 0x800;
    private const int O_CLOEXEC = 0x80000;
    private const int F_SETPIPE_SZ = 1031;
    private const int F_GETPIPE_SZ = 1032;
    private const int EPOLL_CLOEXEC = O_CLOEXEC;
    private const int EFD_NONBLOCK = O_NONBLOCK;
    private const int EFD_CLOEXEC = O_CLOEXEC;
    private const int CLOCK_MONOTONIC = 1;
    private const int SOL_SOCKET = 1;
    private const int SO_TIMESTAMPNS = 35; // Also SCM_TIMESTAMPNS, the control message's type.
    private const int MSG_DONTWAIT = 0x40;
    private const int TFD_CLOEXEC = O_CLOEXEC;

    /// <summary>The size of <c>struct epoll_event</c>: packed (12 bytes) on x86-64, naturally aligned (16) elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;

    /// <summary>Where the 64-bit data field sits in <c>struct epoll_event</c>.</summary>
    public static readonly int EpollDataOffset = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 4 : 8;

    public static int LastError => Marshal.GetLastPInvokeError();

    /// <summary>A non-blocking, close-on-exec pipe of about <paramref name="capacity"/> bytes (the default size when the kernel refuses more).</summary>
    public static bool TryCreatePipe(int capacity, out int readEnd, out int writeEnd, out int size)
    {
        var fds = stackalloc int[2];
        if (pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        {
            readEnd = writeEnd = size = -1;
            return false;
        }

        readEnd = fds[0];
        writeEnd = fds[1];
        _ = fcntl(writeEnd, F_SETPIPE_SZ, capacity); // Refused past the per-user pipe budget: the default size still works.
        size = fcntl(writeEnd, F_GETPIPE_SZ, 0);
        if (size <= 0)
        {
            size = 64 * 1024;
        }

        return true;
    }

    public static int CreateEpoll() => epoll_create1(EPOLL_CLOEXEC);

    public static int CreateEventFd() => eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    public static int EpollControl(int epoll, int operation, int fd, uint events, long data)
    {
        var buffer = stackalloc byte[16];
        *(uint*)buffer = events;
        *(long*)(buffer + EpollDataOffset) = data;
        return epoll_ctl(epoll, operation, fd, buffer);
    }

    public static int EpollWait(int epoll, byte* events, int maxEvents, int timeoutMs) => epoll_wait(epoll, events, maxEvents, timeoutMs);

    /// <summary>Moves up to <paramref name="length"/> bytes between a socket and a pipe without copying them through user space.</summary>
    public static long Splice(int from, int to, long length) =>
        splice(from, null, to, null, (nuint)length, SPLICE_F_MOVE | SPLICE_F_NONBLOCK);

    public static void Signal(int eventFd)
    {
        long one = 1;
        _ = write(eventFd, &one, sizeof(long));
    }

    public static void Drain(int eventFd)
    {
        long value;
        _ = read(eventFd, &value, sizeof(long));
    }

    public static void Close(int fd) => _ = close(fd);

    /// <summary>Whether <see cref="ReceiveStamped"/> can be used: the layouts below are those of 64-bit Linux.</summary>
    public static bool CanStampReceives => OperatingSystem.IsLinux() && Environment.Is64BitProcess;

    /// <summary>Asks the kernel to stamp what <paramref name="socket"/> receives with its arrival time (<c>SO_TIMESTAMPNS</c>).</summary>
    public static bool EnableReceiveStamps(int socket)
    {
        var one = 1;
        return setsockopt(socket, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof(int)) == 0;
    }

    /// <summary>
    /// A non-blocking <c>recvmsg</c>: the byte count (0 at the end of the stream, -1 with <see cref="LastError"/> set),
    /// and when the last of those bytes reached the host, in nanoseconds of the real-time clock (0 if not stamped).
    /// </summary>
    public static long ReceiveStamped(int socket, byte* buffer, int length, out long arrivedRealtimeNs)
    {
        var iov = stackalloc long[2]; // struct iovec { void* base; size_t len; }
        iov[0] = (long)buffer;
        iov[1] = length;
        const int ControlSize = 64;
        var control = stackalloc long[ControlSize / 8];
        var header = stackalloc long[7]; // struct msghdr: name, namelen, iov, iovlen, control, controllen, flags.
        new Span<long>(header, 7).Clear();
        header[2] = (long)iov;
        header[3] = 1;
        header[4] = (long)control;
        header[5] = ControlSize;
        var read = recvmsg(socket, header, MSG_DONTWAIT);
        arrivedRealtimeNs = 0;
        var controlLength = header[5];
        var at = 0L;
        while (read > 0 && at + 16 <= controlLength)
        {
            // struct cmsghdr { size_t len; int level; int type; } then the data, 8-byte aligned.
            var entry = (byte*)control + at;
            var entryLength = *(long*)entry;
            if (entryLength < 16)
            {
                break;
            }

            if (*(int*)(entry + 8) == SOL_SOCKET && *(int*)(entry + 12) == SO_TIMESTAMPNS && entryLength >= 32)
            {
                arrivedRealtimeNs = (*(long*)(entry + 16) * 1_000_000_000) + *(long*)(entry + 24);
            }

            at += (entryLength + 7) & ~7L;
        }

        return read;
    }

    /// <summary>A blocking, close-on-exec timer on the monotonic clock; its expiries are hrtimers, not ticks.</summary>
    public static int CreateTimer() => timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);

    /// <summary>Arms <paramref name="timer"/> to expire once, <paramref name="nanoseconds"/> (at least 1) from now.</summary>
    public static int ArmTimer(int timer, long nanoseconds)
    {
        nanoseconds = Math.Max(1, nanoseconds); // Zero would disarm it.
        var spec = stackalloc long[4]; // struct itimerspec: it_interval (zero: one expiry), it_value.
        spec[0] = 0;
        spec[1] = 0;
        spec[2] = nanoseconds / 1_000_000_000;
        spec[3] = nanoseconds % 1_000_000_000;
        return timerfd_settime(timer, 0, spec, null);
    }

    /// <summary>Blocks until <paramref name="timer"/> has expired (returns at once if it has since the last wait).</summary>
    public static bool WaitTimer(int timer)
    {
        ulong expirations;
        return read(timer, &expirations, sizeof(ulong)) == sizeof(ulong);
    }

    [LibraryImport("libc", SetLastError = true)]
    private static partial int pipe2(int* fds, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int fcntl(int fd, int command, int argument);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint splice(int fdIn, long* offsetIn, int fdOut, long* offsetOut, nuint length, uint flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_ctl(int epoll, int operation, int fd, byte* ev);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int epoll_wait(int epoll, byte* events, int maxEvents, int timeout);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int eventfd(uint initial, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int setsockopt(int socket, int level, int name, void* value, int length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint recvmsg(int socket, long* header, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int timerfd_create(int clock, int flags);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int timerfd_settime(int timer, int flags, long* spec, long* old);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint read(int fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint write(int fd, void* buffer, nuint count);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int close(int fd);
}
