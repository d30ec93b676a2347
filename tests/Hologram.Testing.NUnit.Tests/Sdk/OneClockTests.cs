using Hologram.Testing.NUnit.Sdk;
using Hologram.Testing.TestSupport;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Tests.Sdk;

/// <summary>
/// One clock: whole sessions of a fixture run in-process through NUnit's own runner with Hologram's hook applied, on a
/// fake clock against a real SQLite store, and every timestamp they recorded read back on that clock.
/// </summary>
public sealed class OneClockTests
{
    [Test]
    public async Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run()
    {
        using var scenario = new ClockScenario();

        await scenario.RunFlakyThenPassingSessionAsync(options =>
        {
            var result = RunInProcess(new NUnitRun(typeof(Fixture).Assembly, options) { Time = scenario.Clock });
            Assert.That((result.PassCount, result.FailCount, result.SkipCount), Is.EqualTo((2, 0, 0)), result.Message);
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// One session: loads this assembly's test tree (the fixture is built runnable inside a clock scenario), applies the
    /// hook as the assembly attribute would, runs only <see cref="Fixture"/>, then ends the run as the assembly's
    /// after-action does.
    /// </summary>
    private static ITestResult RunInProcess(NUnitRun run)
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var tree = (Test)runner.Load(typeof(Fixture).Assembly, new Dictionary<string, object>());
        HologramTestHookAttribute.Prepare(tree, run, run.Selection);
        try
        {
            // The nested run gets its own execution context: the outer test's result and context stay untouched.
            using (new TestExecutionContext.IsolatedContext())
            {
                return runner.Run(TestListener.NULL, TestFilter.FromXml($"<filter><class>{typeof(Fixture).FullName}</class></filter>"));
            }
        }
        finally
        {
            run.End();
        }
    }

    /// <summary>
    /// Keeps <see cref="Fixture"/> out of this project's own test run. NUnit builds every fixture class of the assembly,
    /// private nested ones included, and <c>[Explicit]</c> would still let a filter naming the fixture run it, outside
    /// any session and with the failing first attempt reported as a real failure. Built outside a clock scenario (by
    /// the outer run's discovery), the fixture is ignored with a reason and none of its tests starts; the in-process
    /// run loads the tree inside one, where it is runnable and the hook applies as usual.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class)]
    private sealed class OnlyInClockScenarioAttribute : NUnitAttribute, IApplyToTest
    {
        public void ApplyToTest(Test test)
        {
            if (ClockScenario.Current is null && test.RunState == RunState.Runnable)
            {
                test.RunState = RunState.Ignored;
                test.Properties.Set(PropertyNames.SkipReason, "runs only in-process, inside a clock scenario");
            }
        }
    }

    [OnlyInClockScenario]
    private sealed class Fixture
    {
        [Test, HologramRetry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        [Test]
        public void Passes()
        {
        }
    }
}
