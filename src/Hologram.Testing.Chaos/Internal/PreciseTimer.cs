using System.Diagnostics;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>
/// One thread per process that ends the proxy's waits (latency, pacing, delayed closes) at their due time to within
/// microseconds. It sleeps on a Linux <c>timerfd</c> (an hrtimer, not the millisecond tick .NET timers fire on) until
/// shortly before the earliest due time, spins through the rest, and completes the wait on its own thread, so the send
/// that follows a delay runs at once instead of after a thread-pool hop.
/// </summary>
/// <remarks>
/// Continuations of <see cref="WaitUntilAsync"/> run on this thread: they must stay short (a non-blocking send, a
/// close), as the proxy's are. Waits are ordered by due time, then by arrival. A cancelled wait completes on the thread
/// pool, never inline in the code that cancelled it.
/// </remarks>
internal sealed class PreciseTimer
{
    /// <summary>How long before a due time the thread wakes and spins: covers the wake-up latency of a loaded machine.</summary>
    private static readonly long SpinWindow = Stopwatch.Frequency / 20_000; // 50 µs
    private static readonly Lazy<PreciseTimer?> LazyShared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly int _timer;
    private readonly Lock _gate = new();
    private readonly PriorityQueue<Waiter, (long Due, long Sequence)> _waiters = new();
    private long _sequence;

    /// <summary>When the thread looks at the queue next (its timer is armed for then); <see cref="long.MaxValue"/> while nothing waits.</summary>
    private long _wakeAt = long.MaxValue;

    private PreciseTimer(int timer) => _timer = timer;

    /// <summary>The process's timer; null off Linux or where <c>timerfd</c> is refused.</summary>
    public static PreciseTimer? Shared => LazyShared.Value;

    /// <summary>Completes at <paramref name="due"/> (a <see cref="Stopwatch"/> timestamp), never before it.</summary>
    public Task WaitUntilAsync(long due, CancellationToken token)
    {
        if (token.IsCancellationRequested)
        {
            return Task.FromCanceled(token);
        }

        var waiter = new Waiter();
        if (token.CanBeCanceled)
        {
            waiter.Registration = token.UnsafeRegister(
                static (state, cancelled) => ThreadPool.UnsafeQueueUserWorkItem(static s => s.Waiter.TrySetCanceled(s.Token), (Waiter: (Waiter)state!, Token: cancelled), preferLocal: false),
                waiter);
        }

        lock (_gate)
        {
            _waiters.Enqueue(waiter, (due, _sequence++));
            var wakeAt = due - SpinWindow;
            if (wakeAt < _wakeAt)
            {
                _wakeAt = wakeAt;
                LinuxNative.ArmTimer(_timer, ToNanoseconds(wakeAt - Stopwatch.GetTimestamp()));
            }
        }

        return waiter.Task;
    }

    /// <summary>Nanoseconds to arm the timer for: at least 1 (zero disarms it), at most an hour (the loop then re-arms).</summary>
    private static long ToNanoseconds(long ticks) => ticks <= 0 ? 1 : (long)Math.Min(ticks * (1_000_000_000.0 / Stopwatch.Frequency), 3_600_000_000_000.0);

    private static PreciseTimer? Create()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var fd = LinuxNative.CreateTimer();
            if (fd < 0)
            {
                return null;
            }

            var timer = new PreciseTimer(fd);
            new Thread(timer.Run) { IsBackground = true, Name = "ChaosProxy timer" }.Start();
            return timer;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null; // A libc without timerfd: delays use .NET timers.
        }
    }

    private void Run()
    {
        List<Waiter> due = [];
        while (true)
        {
            bool spin;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                while (_waiters.TryPeek(out var waiter, out var key) && (key.Due <= now || waiter.Task.IsCompleted))
                {
                    _waiters.Dequeue();
                    if (!waiter.Task.IsCompleted)
                    {
                        due.Add(waiter);
                    }
                }

                if (!_waiters.TryPeek(out _, out var next))
                {
                    _wakeAt = long.MaxValue; // Disarmed: the next wait arms the timer.
                    spin = false;
                }
                else if (next.Due - now > SpinWindow)
                {
                    _wakeAt = next.Due - SpinWindow;
                    LinuxNative.ArmTimer(_timer, ToNanoseconds(_wakeAt - now));
                    spin = false;
                }
                else
                {
                    _wakeAt = now; // Spinning: the thread looks again at once, a wait added meanwhile included.
                    spin = true;
                }
            }

            foreach (var waiter in due)
            {
                waiter.Registration.Dispose();
                waiter.TrySetResult(); // Its continuation (the delayed send) runs here and now.
            }

            due.Clear();
            if (spin)
            {
                Thread.SpinWait(20);
            }
            else
            {
                LinuxNative.WaitTimer(_timer); // Interrupted or not, the loop looks at the queue again.
            }
        }
    }

    /// <summary>One wait; its continuations run synchronously on the timer thread.</summary>
    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.None)
    {
        public CancellationTokenRegistration Registration { get; set; }
    }
}
