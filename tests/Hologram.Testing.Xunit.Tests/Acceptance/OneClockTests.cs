using Hologram.Testing.TestSupport;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

/// <summary>
/// One clock: whole sessions through the real xUnit v2 framework on a fake clock against a real SQLite store, and every
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
            var result = await InProcessRun.RunAsync(() => options, scenario.Clock, typeof(Fixture));
            Assert.Equal(2, result.Passed.Count);
            Assert.Empty(result.Failed);
        });
    }

    // Private, like the other in-process fixtures: xUnit's discovery of this assembly finds only public classes, so it
    // runs only when InProcessRun names it.
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
