
namespace Hologram.Testing.Chaos.Tests;

public sealed class AvailabilityMonitorTests
{
    [Fact]
    public async Task Outages_run_from_the_first_failed_probe_to_the_first_success()
    {
        var up = true;
        var probes = 0;
        var start = DateTimeOffset.UtcNow;
        await using var monitor = AvailabilityMonitor.Start(_ =>
        {
            Interlocked.Increment(ref probes);
            return Task.FromResult(Volatile.Read(ref up));
        }, TimeSpan.FromMilliseconds(10));

        await Until(() => Volatile.Read(ref probes) >= 3);
        Volatile.Write(ref up, false);
        await Until(() => monitor.IsDown);
        var waiting = monitor.WaitForRecoveryAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.False(waiting.IsCompleted);
        Volatile.Write(ref up, true);
        var outage = await waiting;

        Assert.False(monitor.IsDown);
        Assert.Single(monitor.Outages);
        Assert.True(outage.End > outage.Start);
        Assert.InRange(outage.DurationAt(DateTimeOffset.UtcNow), TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(10));
        Assert.True(monitor.FailedProbes >= 1);
        Assert.Equal(outage.DurationAt(start), monitor.TotalDowntime);
        Assert.Equal(monitor.LongestOutage, monitor.TotalDowntime);
    }

    [Fact]
    public async Task A_probe_that_throws_counts_as_down_and_recovery_times_out()
    {
        await using var monitor = AvailabilityMonitor.Start(_ => throw new InvalidOperationException("boom"), TimeSpan.FromMilliseconds(10));

        await Assert.ThrowsAsync<TimeoutException>(() => monitor.WaitForRecoveryAsync(TimeSpan.FromMilliseconds(200)));
        Assert.True(monitor.IsDown);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
