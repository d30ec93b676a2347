using Hologram.Testing.TestSupport;

namespace Hologram.Testing.XunitV3.Tests.Sdk;

/// <summary>
/// One clock: whole sessions through the real xUnit v3 framework on a fake clock against a real SQLite store, and every
/// timestamp they recorded read back on that clock.
/// </summary>
public sealed class OneClockTests
{
    [Fact]
    public async Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run()
    {
        using var scenario = new ClockScenario();

        await scenario.RunFlakyThenPassingSessionAsync(async options =>
        {
            var result = await InProcessRun.RunAsync(options, scenario.Clock, typeof(Fixture));
            Assert.True(result.Discovered == 2, $"discovered {result.Discovered} test cases; {result.Problems}");
            Assert.True((result.Passed, result.Failed) == (2, 0), $"passed {result.Passed}, failed {result.Failed}: {result.Problems}");
            Assert.Equal(2, result.AssemblyFinished.TestsTotal);
        });
    }

    // Private: xUnit v3 discovers only the assembly's exported classes, so this runs only when InProcessRun names it.
    private sealed class Fixture
    {
        [Fact, Retry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        [Fact]
        public void Passes()
        {
        }
    }
}
