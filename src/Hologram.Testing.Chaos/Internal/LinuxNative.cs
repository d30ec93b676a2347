using System.Runtime.InteropServices;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>The Linux system calls behind zero-copy forwarding (pipes, <c>splice</c>, <c>epoll</c>, an <c>eventfd</c>) and the precise timer (<c>timerfd</c>).</summary>
internal static unsafe partial class LinuxNative
{
    public const int EAGAIN = 11;
    public const int EINTR = 4;

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
