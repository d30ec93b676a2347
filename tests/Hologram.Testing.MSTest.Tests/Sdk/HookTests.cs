using Hologram.Testing.MSTest.Sdk;
using Hologram.Testing.TestSupport;

namespace Hologram.Testing.MSTest.Tests.Sdk;

[TestClass]
public sealed class HookTests
{
    [TestMethod]
    public void The_test_class_attribute_wraps_every_declared_test_method_attribute_once()
    {
        var declared = new TestMethodAttribute();
        var wrapped = new HologramTestClassAttribute().GetTestMethodAttribute(declared);

        var hook = Assert.IsInstanceOfType<HologramTestMethodAttribute>(wrapped);
        Assert.AreSame(declared, hook.Inner);
        Assert.AreSame(hook, new HologramTestClassAttribute().GetTestMethodAttribute(hook));
    }

    [TestMethod]
    public void Ids_follow_the_shared_scheme_with_named_row_arguments()
    {
        Assert.AreEqual(
            "Hologram.Testing.MSTest.Tests.Sdk.HookTests+Sample.Plain",
            MSTestTestIds.For(FakeTestMethod.Of<Sample>(nameof(Sample.Plain), () => { })));
        Assert.AreEqual(
            "Hologram.Testing.MSTest.Tests.Sdk.HookTests+Sample.Rows(value: 2, text: \"b\")",
            MSTestTestIds.For(FakeTestMethod.Of<Sample>(nameof(Sample.Rows), () => { }, [2, "b"])));
    }

    [TestMethod]
    public void Category_attributes_are_MSTest_test_categories_from_method_class_and_assembly()
    {
        CollectionAssert.AreEqual(
            new[] { "Phase6Perf", "Phase8E2E", "Phase9Chaos", "NoCi" },
            new HologramCategoryAttribute[] { new Phase6PerfAttribute(), new Phase8E2EAttribute(), new Phase9ChaosAttribute(), new NoCiAttribute() }
                .SelectMany(a => a.TestCategories).ToArray());
        var method = typeof(Sample).GetMethod(nameof(Sample.LocalOnly))!;
        CollectionAssert.AreEquivalent(new[] { "NoCi", "Phase6Perf" }, MSTestCategories.Of(method, typeof(Sample)));
    }

    [TestMethod]
    public async Task A_CI_profile_skips_NoCi_tests_with_the_reason_without_running_them()
    {
        using var _ = Use(Options("pr"));
        var test = FakeTestMethod.Of<Sample>(nameof(Sample.LocalOnly), () => { });

        var result = (await Hook().ExecuteAsync(test)).Single();

        Assert.AreEqual(UnitTestOutcome.Ignored, result.Outcome);
        StringAssert.Contains(result.TestFailureException!.Message, "profile 'pr'");
        Assert.AreEqual(0, test.Invocations);
    }

    [TestMethod]
    public async Task A_run_time_skip_is_reported_inconclusive_with_its_reason()
    {
        using var _ = Use(Options("dev"));
        var test = FakeTestMethod.Of<Sample>(nameof(Sample.Plain), () => Skip.If(true, "no service here"));

        var result = (await Hook().ExecuteAsync(test)).Single();

        Assert.AreEqual(UnitTestOutcome.Inconclusive, result.Outcome);
        Assert.AreEqual("no service here", result.TestFailureException!.Message);
        Assert.AreEqual(1, test.Invocations);
    }

    [TestMethod]
    public async Task A_failing_test_runs_once_per_attempt_and_reports_the_last_failure()
    {
        using var _ = Use(Options("pr"));
        var attempt = 0;
        var test = FakeTestMethod.Of<Sample>(nameof(Sample.Plain), () => throw new InvalidOperationException("attempt " + ++attempt));

        var result = (await Hook().ExecuteAsync(test)).Single();

        // The pr profile retries twice: three attempts, the last one's failure reported.
        Assert.AreEqual(3, test.Invocations);
        Assert.AreEqual(UnitTestOutcome.Failed, result.Outcome);
        StringAssert.Contains(result.TestFailureException!.InnerException!.Message, "attempt 3");
    }

    [TestMethod]
    public async Task HologramRetry_overrides_the_profile_and_a_pass_after_a_failure_is_reported_passed()
    {
        using var _ = Use(Options("dev"));
        var attempt = 0;
        var test = FakeTestMethod.Of<Sample>(nameof(Sample.RetriedTwice), () =>
        {
            if (++attempt < 3)
            {
                throw new InvalidOperationException("not yet");
            }
        });

        var result = (await Hook().ExecuteAsync(test)).Single();

        Assert.AreEqual(3, test.Invocations);
        Assert.AreEqual(UnitTestOutcome.Passed, result.Outcome);
    }

    [TestMethod]
    public async Task Two_shards_run_disjoint_halves_and_report_the_others_as_ignored_without_running_them()
    {
        var rows = Enumerable.Range(1, 20).Select(i => (object?[])[i, "x"]).ToList();
        var ran = new List<string>[] { [], [] };
        for (var shard = 1; shard <= 2; shard++)
        {
            using var _ = Use(Options("dev", ("HOLOGRAM_SHARD", $"{shard}/2")));
            foreach (var row in rows)
            {
                var test = FakeTestMethod.Of<Sample>(nameof(Sample.Rows), () => { }, row);
                var result = (await Hook().ExecuteAsync(test)).Single();
                if (test.Invocations == 1)
                {
                    Assert.AreEqual(UnitTestOutcome.Passed, result.Outcome);
                    ran[shard - 1].Add(MSTestTestIds.For(test));
                }
                else
                {
                    Assert.AreEqual(UnitTestOutcome.Ignored, result.Outcome);
                    StringAssert.Contains(result.TestFailureException!.Message, $"outside shard {shard}/2 (HOLOGRAM_SHARD)");
                }
            }
        }

        Assert.AreEqual(0, ran[0].Intersect(ran[1]).Count());
        Assert.AreEqual(rows.Count, ran[0].Count + ran[1].Count);
        Assert.IsTrue(ran[0].Count > 0 && ran[1].Count > 0);
    }

    [TestMethod]
    public async Task A_configuration_error_fails_every_test_with_its_one_line_and_runs_none()
    {
        var error = Assert.ThrowsExactly<HologramConfigurationException>(() => Options("dev", ("SLO_VERIFY_P95_MS", "abc")));
        using var _ = MSTestRun.Use(typeof(Sample).Assembly, new MSTestRun(typeof(Sample).Assembly, error));
        var test = FakeTestMethod.Of<Sample>(nameof(Sample.Plain), () => { });

        var result = (await Hook().ExecuteAsync(test)).Single();

        Assert.AreEqual(UnitTestOutcome.Failed, result.Outcome);
        Assert.AreEqual(0, test.Invocations);
        StringAssert.StartsWith(result.TestFailureException!.Message, "Hologram: ");
        StringAssert.Contains(result.TestFailureException.Message, "SLO_VERIFY_P95_MS");
        Assert.IsFalse(result.TestFailureException.Message.Contains('\n', StringComparison.Ordinal));
    }

    [TestMethod]
    public Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run() =>
        // A run's and an attempt's times, the flake, the quarantine and its release, all read back on a 2031 fake clock.
        ClockScenario.CheckEveryRecordedTimeAsync(async (options, clock) =>
        {
            using (MSTestRun.Use(typeof(OnClock).Assembly, new MSTestRun(typeof(OnClock).Assembly, options) { Time = clock }))
            {
                foreach (var name in new[] { nameof(OnClock.FailsOnce), nameof(OnClock.Passes) })
                {
                    var method = typeof(OnClock).GetMethod(name)!;
                    var test = new FakeTestMethod(method, () => method.Invoke(new OnClock(), null));
                    var result = (await Hook().ExecuteAsync(test)).Single();
                    Assert.AreEqual(UnitTestOutcome.Passed, result.Outcome, result.TestFailureException?.ToString());
                }
            }
        });

    private static HologramTestMethodAttribute Hook() =>
        (HologramTestMethodAttribute)new HologramTestClassAttribute().GetTestMethodAttribute(new TestMethodAttribute())!;

    private static IDisposable Use(HologramOptions options) =>
        MSTestRun.Use(typeof(Sample).Assembly, new MSTestRun(typeof(Sample).Assembly, options));

    private static HologramOptions Options(string profile, params (string Name, string Value)[] variables)
    {
        var root = Directory.CreateTempSubdirectory("hologram-mstest-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".git"));
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal) { ["HOLOGRAM_STORE"] = "none", ["HOLOGRAM_PROFILE"] = profile };
        foreach (var (name, value) in variables)
        {
            environment[name] = value;
        }

        return HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = root, EnvironmentVariables = environment });
    }

    /// <summary>The clock scenario's tests, run by the hook in process only (not a test class of this project).</summary>
    public sealed class OnClock
    {
        [HologramRetry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        public void Passes()
        {
        }
    }

    /// <summary>Test methods the hook is driven with (not a test class of this project).</summary>
    [Phase6Perf]
    public sealed class Sample
    {
        public void Plain() { }

        [NoCi]
        public void LocalOnly() { }

        [HologramRetry(2)]
        public void RetriedTwice() { }

        public void Rows(int value, string text) => Assert.IsTrue(value > 0, text);
    }
}
