using Xunit.Abstractions;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

public sealed class RetryTests
{
    private static readonly (string, string)[] NoStore = [("HOLOGRAM__STORE", "none")];

    [Fact]
    public async Task A_test_that_fails_then_passes_is_reported_once_as_passed()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "pr"), .. NoStore]), typeof(FailsOnce));

        Assert.Equal(2, Counters.Get("FailsOnce.Sync"));
        Assert.Equal(2, Counters.Get("FailsOnce.Async"));
        Assert.Equal(2, result.Passed.Count);
        Assert.Empty(result.Failed);
        Assert.Equal(2, result.Messages.OfType<ITestCaseStarting>().Count());
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_test_that_always_fails_is_tried_one_plus_retries_times_and_reported_once_as_failed()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "pr"), ("HOLOGRAM__RETRIES", "3"), .. NoStore]), typeof(AlwaysFails));

        Assert.Equal(4, Counters.Get("AlwaysFails.Test"));
        Assert.Single(result.Failed);
        Assert.Single(result.Results);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Without_retries_a_failure_is_final()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "dev"), .. NoStore]), typeof(FailsOnce));

        Assert.Equal(1, Counters.Get("FailsOnce.Sync"));
        Assert.Equal(2, result.Failed.Count);
    }

    [Fact]
    public async Task The_nearest_Retry_attribute_wins_and_Retry_0_turns_retries_off()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "dev"), .. NoStore]), typeof(WithAttributes));

        Assert.Equal(5, Counters.Get("WithAttributes.ClassLevel"));
        Assert.Equal(2, Counters.Get("WithAttributes.MethodLevel"));
        Assert.Equal(1, Counters.Get("WithAttributes.Off"));
        Assert.Equal(3, result.Failed.Count);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Theory_rows_and_fixtures_survive_retries()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "pr"), .. NoStore]), typeof(RowsWithFixture));

        Assert.Equal(3, result.Passed.Count);
        Assert.Empty(result.Failed);
        Assert.Equal(1, Counters.Get("Fixture.Created"));
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_run_time_skip_is_not_retried()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "pr"), .. NoStore]), typeof(SkipsAtRunTime));

        Assert.Equal(1, Counters.Get("SkipsAtRunTime.Test"));
        Assert.Single(result.Skipped);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_bad_retry_attribute_fails_only_its_test_with_one_line_and_its_body_does_not_run()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(TestOptions.With([("HOLOGRAM_PROFILE", "pr"), .. NoStore]), typeof(BadAttribute));

        Assert.Equal(["Bad"], result.Failed.Select(n => n[(n.LastIndexOf('.') + 1)..]));
        var failed = Assert.Single(result.Messages.OfType<ITestFailed>());
        Assert.Equal(["Hologram.Testing.HologramConfigurationException"], failed.ExceptionTypes);
        Assert.StartsWith("DelayMs='-5' (retry attribute of ", failed.Messages[0], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failed.Messages[0]);
        Assert.Equal(0, Counters.Get("BadAttribute.Bad"));
        Assert.Single(result.Passed);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task A_failure_the_retry_filter_leaves_out_is_final_and_a_matching_one_is_retried()
    {
        Counters.Reset();

        var result = await InProcessRun.RunAsync(
            TestOptions.With([("HOLOGRAM_PROFILE", "pr"), ("HOLOGRAM__RETRY__EXCEPTIONTYPES", "System.TimeoutException"), .. NoStore]), typeof(Filtered));

        Assert.Equal(1, Counters.Get("Filtered.Assertion"));
        Assert.Equal(2, Counters.Get("Filtered.Timeout"));
        Assert.Single(result.Failed);
        Assert.Single(result.Passed);
        result.AssertTotalsConsistent();
    }

    private sealed class BadAttribute
    {
        [Fact, Retry(1, DelayMs = -5)]
        public void Bad() => Counters.Next("BadAttribute.Bad");

        [Fact]
        public void Good()
        {
        }
    }

    private sealed class Filtered
    {
        [Fact]
        public void Assertion()
        {
            Counters.Next("Filtered.Assertion");
            Assert.Fail("an assertion is not retried");
        }

        [Fact]
        public void Timeout()
        {
            if (Counters.Next("Filtered.Timeout") == 1)
            {
                throw new TimeoutException("first attempt times out");
            }
        }
    }

    internal static class Counters
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Values = new();

        public static int Next(string name) => Values.AddOrUpdate(name, 1, (_, v) => v + 1);

        public static int Get(string name) => Values.GetValueOrDefault(name);

        public static void Reset() => Values.Clear();
    }

    private sealed class FailsOnce
    {
        [Fact]
        public void Sync() => Assert.True(Counters.Next("FailsOnce.Sync") > 1, "first attempt fails");

        [Fact]
        public async Task Async()
        {
            await Task.Yield();
            Assert.True(Counters.Next("FailsOnce.Async") > 1, "first attempt fails");
        }
    }

    private sealed class AlwaysFails
    {
        [Fact]
        public void Test()
        {
            Counters.Next("AlwaysFails.Test");
            Assert.Fail("always");
        }
    }

    [Retry(4)]
    private sealed class WithAttributes
    {
        [Fact]
        public void ClassLevel()
        {
            Counters.Next("WithAttributes.ClassLevel");
            Assert.Fail("always");
        }

        [Fact]
        [Retry(1)]
        public void MethodLevel()
        {
            Counters.Next("WithAttributes.MethodLevel");
            Assert.Fail("always");
        }

        [Fact]
        [Retry(0)]
        public void Off()
        {
            Counters.Next("WithAttributes.Off");
            Assert.Fail("always");
        }
    }

    public sealed class Fixture
    {
        public Fixture() => Counters.Next("Fixture.Created");
    }

    private sealed class RowsWithFixture(Fixture fixture) : IClassFixture<Fixture>
    {
        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void Row(int value)
        {
            Assert.NotNull(fixture);
            Assert.True(Counters.Next($"Row{value}") > 1 || value == 2, "rows 1 and 3 fail on their first attempt");
        }
    }

    private sealed class SkipsAtRunTime
    {
        [Fact]
        public void Test()
        {
            Counters.Next("SkipsAtRunTime.Test");
            Skip.Test("not here");
        }
    }
}
