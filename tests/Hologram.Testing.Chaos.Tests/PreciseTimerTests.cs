using System.Diagnostics;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos.Tests;

/// <summary>The timer behind the proxy's delays: never early, in due order, cancellable.</summary>
public sealed class PreciseTimerTests
{
    private static PreciseTimer Timer => PreciseTimer.Shared ?? throw new InvalidOperationException("no timerfd here");

    [Fact]
    public async Task A_wait_ends_at_its_due_time_never_before()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // timerfd is Linux only; elsewhere delays use .NET timers.
        }

        var lateness = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var due = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 1000); // 1 ms
            await Timer.WaitUntilAsync(due, CancellationToken.None);
            var late = Stopwatch.GetTimestamp() - due;
            Assert.True(late >= 0, $"ended {-late} ticks early");
            lateness.Add(late * 1_000_000.0 / Stopwatch.Frequency);
        }

        lateness.Sort();
        Assert.True(lateness[25] < 2000, $"median lateness {lateness[25]:0} µs"); // A .NET timer tick would be ~1,000 µs or more.
    }

    [Fact]
    public async Task Waits_end_in_due_order_whatever_order_they_were_added_in()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // timerfd is Linux only; elsewhere delays use .NET timers.
        }

        var start = Stopwatch.GetTimestamp();
        var ended = new List<int>(); // Recorded as each wait completes (synchronously, on the timer's thread).
        var offsetsMs = new[] { 30, 10, 20, 5, 25 };
        var waits = offsetsMs.Select(ms => Timer.WaitUntilAsync(start + (ms * Stopwatch.Frequency / 1000), CancellationToken.None)
            .ContinueWith(_ => { lock (ended) { ended.Add(ms); } }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default)).ToArray();
        await Task.WhenAll(waits);

        Assert.Equal(offsetsMs.Order(), ended);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_at_once_and_later_ones_still_run()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // timerfd is Linux only; elsewhere delays use .NET timers.
        }

        using var cts = new CancellationTokenSource();
        var far = Timer.WaitUntilAsync(Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency), cts.Token);
        var near = Timer.WaitUntilAsync(Stopwatch.GetTimestamp() + (20 * Stopwatch.Frequency / 1000), CancellationToken.None);

        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => far.WaitAsync(TimeSpan.FromSeconds(5)));
        await near.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
