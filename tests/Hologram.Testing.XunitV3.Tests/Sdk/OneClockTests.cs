using Hologram.Testing.TestSupport;

namespace Hologram.Testing.XunitV3.Tests.Sdk;

// Whole sessions through the real xUnit v3 framework (InProcessRun) on a fake clock against a real SQLite store.
public sealed class OneClockTests
{
    [Fact]
    public Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run() =>
        // A run's and an attempt's times, the flake, the quarantine and its release, all read back on a 2031 fake clock.
        ClockScenario.CheckEveryRecordedTimeAsync(async (options, clock) =>
        {
            var result = await InProcessRun.RunAsync(options, clock, typeof(OnClock));
            Assert.True(result.Discovered == 2, $"discovered {result.Discovered} test cases; {result.Problems}");
            Assert.True((result.Passed, result.Failed) == (2, 0), $"passed {result.Passed}, failed {result.Failed}: {result.Problems}");
            Assert.Equal(2, result.AssemblyFinished.TestsTotal);
        });

    // Private: xUnit v3 discovers only the assembly's exported classes, so this runs only when InProcessRun names it.
    private sealed class OnClock
    {
        [Fact, Retry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        [Fact]
        public void Passes()
        {
        }
    }
}
