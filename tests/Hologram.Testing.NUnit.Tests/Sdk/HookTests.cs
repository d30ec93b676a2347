using Hologram.Testing.NUnit.Sdk;
using Hologram.Testing.TestSupport;
using NUnit.Framework.Api;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;
using NUnit.Framework.Internal.Builders;

namespace Hologram.Testing.NUnit.Tests.Sdk;

public sealed class HookTests
{
    [Test]
    public void Ids_follow_the_shared_scheme_with_named_row_arguments()
    {
        var ids = Build().Select(NUnitTestIds.For);

        Assert.That(ids, Is.EquivalentTo(new[]
        {
            "Hologram.Testing.NUnit.Tests.Sdk.HookTests+Sample.Plain",
            "Hologram.Testing.NUnit.Tests.Sdk.HookTests+Sample.LocalOnly",
            "Hologram.Testing.NUnit.Tests.Sdk.HookTests+Sample.Rows(value: 1, text: \"a\")",
            "Hologram.Testing.NUnit.Tests.Sdk.HookTests+Sample.Rows(value: 2, text: \"b\")",
        }));
    }

    [Test]
    public void A_CI_profile_ignores_NoCi_tests_with_the_reason_and_every_test_gets_the_command_decorator()
    {
        var suite = BuildSuite();
        HologramTestHookAttribute.Prepare(suite, Run("pr"), new global::Hologram.Testing.Sdk.TestSelection(Options("pr")));

        var tests = Leaves(suite).ToList();
        var localOnly = tests.Single(t => t.Name == "LocalOnly");
        Assert.That(localOnly.RunState, Is.EqualTo(RunState.Ignored));
        Assert.That((string?)localOnly.Properties.Get(PropertyNames.SkipReason), Does.Contain("profile 'pr'"));
        Assert.That(tests.Where(t => t.Name != "LocalOnly").Select(t => t.RunState), Is.All.EqualTo(RunState.Runnable));
        Assert.That(tests.Select(t => t.Method), Is.All.InstanceOf<HologramMethodInfo>());
        Assert.That(tests[0].Method!.GetCustomAttributes<IRepeatTest>(true), Has.Some.InstanceOf<HologramRepeat>());
    }

    [Test]
    public void The_rows_of_a_method_share_one_wrapped_method_so_NUnit_reads_its_attributes_once()
    {
        var suite = BuildSuite();
        var run = Run("dev");
        HologramTestHookAttribute.Prepare(suite, run, run.Selection);

        // NUnit keeps a method's attributes by its IMethodInfo: a wrapper per row made it read every attribute of the
        // method (all its rows' TestCase attributes) once per row, quadratic in the rows of a method.
        var rows = Leaves(suite).Where(t => t.Name.StartsWith("Rows", StringComparison.Ordinal)).ToList();
        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.That(rows[1].Method, Is.SameAs(rows[0].Method));
        Assert.That(rows[0].Method, Is.InstanceOf<HologramMethodInfo>());
        Assert.That(run.Wrap(rows[0].Method!), Is.SameAs(rows[0].Method), "a wrapped method is not wrapped again");
    }

    [Test]
    public void Resolved_row_ids_stay_out_of_the_properties_NUnit_writes_into_every_result()
    {
        var rows = Build().Where(t => t.Name.StartsWith("Rows", StringComparison.Ordinal)).ToList();
        var before = rows.Select(r => r.Properties.Keys.Count).ToList();

        var ids = rows.Select(NUnitTestIds.For).ToList();

        Assert.That(rows.Select(r => r.Properties.Keys.Count), Is.EqualTo(before));
        Assert.That(ids, Is.Unique);
        rows.ForEach(NUnitTestIds.Release);
        Assert.That(rows.Select(NUnitTestIds.For), Is.EqualTo(ids), "a released row resolves to the same id again");
    }

    [Test]
    public void Two_shards_split_the_tests_and_drop_the_others_from_the_tree()
    {
        var first = BuildSuite();
        var second = BuildSuite();
        HologramTestHookAttribute.Prepare(first, Run("dev"), new global::Hologram.Testing.Sdk.TestSelection(Options("dev", ("HOLOGRAM_SHARD", "1/2"))));
        HologramTestHookAttribute.Prepare(second, Run("dev"), new global::Hologram.Testing.Sdk.TestSelection(Options("dev", ("HOLOGRAM_SHARD", "2/2"))));

        var firstIds = Leaves(first).Select(NUnitTestIds.For).ToList();
        var secondIds = Leaves(second).Select(NUnitTestIds.For).ToList();
        Assert.That(firstIds.Intersect(secondIds), Is.Empty);
        Assert.That(firstIds.Concat(secondIds), Is.EquivalentTo(Build().Select(NUnitTestIds.For)));
    }

    [Test]
    public void Category_attributes_are_NUnit_categories()
    {
        Assert.That(
            new HologramCategoryAttribute[] { new Phase6PerfAttribute(), new Phase8E2EAttribute(), new Phase9ChaosAttribute(), new NoCiAttribute() }
                .Select(a => a.Name),
            Is.EqualTo(new[] { "Phase6Perf", "Phase8E2E", "Phase9Chaos", "NoCi" }));
        var localOnly = Build().Single(t => t.Name == "LocalOnly");
        Assert.That(NUnitCategories.Of(localOnly, null), Is.EquivalentTo(new[] { "NoCi", "Phase6Perf" }));
    }

    [Test]
    public Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run() =>
        // A run's and an attempt's times, the flake, the quarantine and its release, all read back on a 2031 fake clock.
        ClockScenario.CheckEveryRecordedTimeAsync((options, clock) =>
        {
            var result = RunInProcess(new NUnitRun(typeof(OnClock).Assembly, options) { Time = clock });
            Assert.That((result.PassCount, result.FailCount, result.SkipCount), Is.EqualTo((2, 0, 0)), result.Message);
            return Task.CompletedTask;
        });

    /// <summary>
    /// One session: loads this assembly's test tree (where <see cref="OnClock"/> is runnable, inside a clock scenario),
    /// applies the hook as the assembly attribute would, runs only <see cref="OnClock"/> through NUnit's own runner, then
    /// ends the run as the assembly's after-action does.
    /// </summary>
    private static ITestResult RunInProcess(NUnitRun run)
    {
        var runner = new NUnitTestAssemblyRunner(new DefaultTestAssemblyBuilder());
        var tree = (Test)runner.Load(typeof(OnClock).Assembly, new Dictionary<string, object>());
        HologramTestHookAttribute.Prepare(tree, run, run.Selection);
        try
        {
            // The nested run gets its own execution context: the outer test's result and context stay untouched.
            using (new TestExecutionContext.IsolatedContext())
            {
                return runner.Run(TestListener.NULL, TestFilter.FromXml($"<filter><class>{typeof(OnClock).FullName}</class></filter>"));
            }
        }
        finally
        {
            run.End();
        }
    }

    private static TestSuite BuildSuite() => new DefaultSuiteBuilder().BuildFrom(new TypeWrapper(typeof(Sample)));

    private static List<Test> Build() => Leaves(BuildSuite()).ToList();

    private static IEnumerable<Test> Leaves(Test test) =>
        test is TestMethod ? [test] : test.Tests.Cast<Test>().SelectMany(Leaves);

    private static NUnitRun Run(string profile) => new(typeof(HookTests).Assembly, Options(profile));

    private static HologramOptions Options(string profile, params (string Name, string Value)[] variables)
    {
        var root = Directory.CreateTempSubdirectory("hologram-nunit-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOLOGRAM_STORE"] = "none", ["HOLOGRAM_PROFILE"] = profile };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = root, EnvironmentVariables = environment });
    }

    /// <summary>
    /// Keeps <see cref="OnClock"/> out of this project's own test run. NUnit builds every fixture class of the assembly,
    /// private nested ones included, and <c>[Explicit]</c> would still let a filter naming the fixture run it, outside
    /// any session, its failing first attempt then a real failure. Built outside a clock scenario (by the outer run's
    /// discovery), the fixture is ignored with a reason and none of its tests starts; the in-process run loads the tree
    /// inside one, where the fixture is runnable and the hook applies as usual.
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

    /// <summary>The clock scenario's fixture: <c>FailsOnce</c> fails on the first attempt of a flaky session.</summary>
    [OnlyInClockScenario]
    private sealed class OnClock
    {
        [Test, HologramRetry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        [Test]
        public void Passes()
        {
        }
    }

    [Phase6Perf]
    public sealed class Sample
    {
        [Test]
        public void Plain() { }

        [Test, NoCi]
        public void LocalOnly() { }

        [TestCase(1, "a")]
        [TestCase(2, "b")]
        public void Rows(int value, string text) => Assert.That(value, Is.Positive, text);
    }
}
