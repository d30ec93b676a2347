using Hologram.Testing.Perf.Sampling;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Perf.Tests.Sampling;

public sealed class WarmupTrackerTests
{
    [Fact]
    public void Waits_for_count_time_tier_up_calls_and_a_quiet_jit()
    {
        var clock = new FakeTimeProvider();
        var compiled = 100L;
        var plan = new SamplingPlan(10, 5, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3), true, 1, 1, clock);
        var tracker = new WarmupTracker(plan, () => compiled);

        var calls = 0;
        while (true)
        {
            clock.Advance(TimeSpan.FromMilliseconds(10));
            calls++;
            if (calls == 25)
            {
                compiled++; // tier-1 code for the hot path arrives at 250 ms
            }

            if (tracker.CallFinished())
            {
                break;
            }
        }

        // Settled at the first call at least 200 ms after the last compilation (250 ms): 450 ms, call 45.
        Assert.Equal(45, calls);
        Assert.True(tracker.JitSettled);
    }

    [Fact]
    public void Gives_up_at_the_maximum_time_when_the_jit_never_settles()
    {
        var clock = new FakeTimeProvider();
        var compiled = 0L;
        var plan = new SamplingPlan(10, 5, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), true, 1, 1, clock);
        var tracker = new WarmupTracker(plan, () => compiled++);

        var calls = 0;
        do
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            calls++;
        }
        while (!tracker.CallFinished());

        Assert.Equal(20, calls);
        Assert.False(tracker.JitSettled);
    }

    [Fact]
    public void Without_jit_settling_only_the_count_and_time_minimums_apply()
    {
        var clock = new FakeTimeProvider();
        var plan = new SamplingPlan(10, 3, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(3), false, 1, 1, clock);
        var tracker = new WarmupTracker(plan, () => 0);

        var calls = 0;
        do
        {
            clock.Advance(TimeSpan.FromMilliseconds(40));
            calls++;
        }
        while (!tracker.CallFinished());

        Assert.Equal(3, calls);
    }
}
