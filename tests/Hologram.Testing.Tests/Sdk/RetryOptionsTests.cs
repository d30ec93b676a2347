using System.Diagnostics;
using System.Reflection;
using Hologram.Testing.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;
using Hologram.Testing.Sdk.Internal;
using Hologram.Testing.Tests.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Tests.Sdk;

/// <summary>The retry options in the core's decision: delay and backoff, the failure filter, the run's budget, known flaky only.</summary>
public sealed class RetryOptionsTests : IDisposable
{
    private readonly TempRepository _repository = new();
    private readonly string _store;
    private readonly List<string> _warnings = [];

    public RetryOptionsTests() => _store = "sqlite:" + Path.Combine(_repository.Root, "h.db");

    public void Dispose() => _repository.Dispose();

    [Theory]
    [InlineData(RetryBackoff.Constant, new[] { 100.0, 100, 100, 100 })]
    [InlineData(RetryBackoff.Linear, new[] { 100.0, 200, 300, 400 })]
    [InlineData(RetryBackoff.Exponential, new[] { 100.0, 200, 400, 800 })]
    public void The_delay_grows_with_the_backoff(RetryBackoff backoff, double[] expected)
    {
        var rules = Rules(new RetrySettings { Delay = TimeSpan.FromMilliseconds(100), Backoff = backoff });

        Assert.Equal(expected, Enumerable.Range(1, 4).Select(retry => rules.DelayBefore(retry, () => 0.5).TotalMilliseconds));
    }

    [Fact]
    public void The_delay_is_capped_jittered_within_a_quarter_and_zero_without_a_delay()
    {
        var capped = Rules(new RetrySettings { Delay = TimeSpan.FromMilliseconds(100), Backoff = RetryBackoff.Exponential, MaxDelay = TimeSpan.FromMilliseconds(250) });
        var jittered = Rules(new RetrySettings { Delay = TimeSpan.FromMilliseconds(1000), Jitter = true });

        Assert.Equal([100.0, 200, 250, 250], Enumerable.Range(1, 4).Select(retry => capped.DelayBefore(retry, () => 0).TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(750), jittered.DelayBefore(1, () => 0));
        Assert.Equal(TimeSpan.FromMilliseconds(1250), jittered.DelayBefore(1, () => 0.999_999));
        Assert.Equal(TimeSpan.Zero, Rules(new RetrySettings { Backoff = RetryBackoff.Exponential }).DelayBefore(5, () => 0.5));
        // A huge exponent stays a delay Task.Delay accepts.
        Assert.Equal(TimeSpan.FromDays(1), Rules(new RetrySettings { Delay = TimeSpan.FromSeconds(1), Backoff = RetryBackoff.Exponential }).DelayBefore(500, () => 0));
    }

    [Fact]
    public void The_settings_read_from_hologram_json_lists_and_environment_strings()
    {
        _repository.WriteConfig("""
            { "Hologram": { "Retry": {
                "DelayMs": 200, "Backoff": "Exponential", "MaxDelayMs": 5000, "Jitter": true,
                "ExceptionTypes": [ "System.TimeoutException", "System.Net.Http.HttpRequestException" ],
                "MessagePatterns": [ "timed out; again", "connection (refused|reset)" ],
                "MaxFailedTests": 20, "MaxFailedTestsPercent": 12.5, "OnlyKnownFlaky": true } } }
            """);

        var loaded = _repository.Load();
        var fromFile = loaded.Retry;
        var fromEnvironment = _repository.Load(new Dictionary<string, string?>
        {
            ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.IO.IOException; System.TimeoutException",
            ["HOLOGRAM__RETRY__MESSAGEPATTERNS"] = "refused",
            ["HOLOGRAM__RETRY__DELAYMS"] = "0",
        }).Retry;

        Assert.Equal(
            (TimeSpan.FromMilliseconds(200), RetryBackoff.Exponential, TimeSpan.FromSeconds(5), true, 20, 12.5, true),
            (fromFile.Delay, fromFile.Backoff, fromFile.MaxDelay, fromFile.Jitter, fromFile.MaxFailedTests, fromFile.MaxFailedTestsPercent, fromFile.OnlyKnownFlaky));
        Assert.Equal(["System.TimeoutException", "System.Net.Http.HttpRequestException"], fromFile.ExceptionTypes);
        Assert.Equal(["timed out; again", "connection (refused|reset)"], fromFile.MessagePatterns);
        Assert.Equal(["System.IO.IOException", "System.TimeoutException"], fromEnvironment.ExceptionTypes);
        Assert.Equal(["refused"], fromEnvironment.MessagePatterns);
        // One line for 'hologram config', whichever way the list was written.
        Assert.Equal("timed out; again; connection (refused|reset)", loaded.Provenance.Single(v => v.Key == "Retry:MessagePatterns").Value);
        Assert.Equal(TimeSpan.Zero, fromEnvironment.Delay);
    }

    [Fact]
    public void The_defaults_retry_every_failure_at_once_without_a_budget()
    {
        var retry = _repository.Load().Retry;

        Assert.Equal(
            (TimeSpan.Zero, RetryBackoff.Constant, TimeSpan.Zero, false, 0, 0.0, false, 0, 0),
            (retry.Delay, retry.Backoff, retry.MaxDelay, retry.Jitter, retry.MaxFailedTests, retry.MaxFailedTestsPercent, retry.OnlyKnownFlaky,
                retry.ExceptionTypes.Count, retry.MessagePatterns.Count));
    }

    [Theory]
    [InlineData("HOLOGRAM__RETRY__DELAYMS", "-1", "HOLOGRAM__RETRY__DELAYMS='-1' (environment variable HOLOGRAM__RETRY__DELAYMS) must be a whole number of milliseconds, at least 0")]
    [InlineData("HOLOGRAM__RETRY__BACKOFF", "quadratic", "HOLOGRAM__RETRY__BACKOFF='quadratic' (environment variable HOLOGRAM__RETRY__BACKOFF) is not a backoff; use constant, linear or exponential")]
    [InlineData("HOLOGRAM__RETRY__MAXFAILEDTESTSPERCENT", "150", "HOLOGRAM__RETRY__MAXFAILEDTESTSPERCENT='150' (environment variable HOLOGRAM__RETRY__MAXFAILEDTESTSPERCENT) must be a percentage between 0 and 100")]
    [InlineData("HOLOGRAM__RETRY__MAXFAILEDTESTS", "some", "HOLOGRAM__RETRY__MAXFAILEDTESTS='some' (environment variable HOLOGRAM__RETRY__MAXFAILEDTESTS) is not a whole number")]
    [InlineData("HOLOGRAM__RETRY__ONLYKNOWNFLAKY", "yes", "HOLOGRAM__RETRY__ONLYKNOWNFLAKY='yes' (environment variable HOLOGRAM__RETRY__ONLYKNOWNFLAKY) is not true or false")]
    [InlineData("HOLOGRAM__RETRY__EXCEPTIONTYPES", "System.TimeoutException;Timeout Exception", "HOLOGRAM__RETRY__EXCEPTIONTYPES item 'Timeout Exception' (environment variable HOLOGRAM__RETRY__EXCEPTIONTYPES) is not a full type name")]
    [InlineData("HOLOGRAM__RETRY__MESSAGEPATTERNS", "ok;(unclosed", "HOLOGRAM__RETRY__MESSAGEPATTERNS item '(unclosed' (environment variable HOLOGRAM__RETRY__MESSAGEPATTERNS) is not a valid regular expression: ")]
    [InlineData("HOLOGRAM__RETRY__DELAY", "5", "HOLOGRAM__RETRY__DELAY='5' (environment variable HOLOGRAM__RETRY__DELAY) is not a known setting; did you mean HOLOGRAM__RETRY__DELAYMS?")]
    public void A_bad_value_is_one_line_naming_the_key(string variable, string value, string expected)
    {
        var error = _repository.LoadFails(new Dictionary<string, string?> { [variable] = value });

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_in_hologram_json_must_hold_strings()
    {
        var path = _repository.WriteConfig("""{ "Hologram": { "Retry": { "ExceptionTypes": [ "System.TimeoutException", 3 ] } } }""");

        var error = _repository.LoadFails();

        Assert.Contains("'Hologram:Retry:ExceptionTypes' must be an array of strings, not one with a number", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_the_filter_does_not_match_is_reported_at_once_and_a_matching_one_is_retried()
    {
        await using var run = await StartAsync(new()
        {
            ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.TimeoutException;System.OperationCanceledException",
            ["HOLOGRAM__RETRY__MESSAGEPATTERNS"] = "connection (refused|reset)",
        });

        Assert.Equal(1, Attempts(run, "System.InvalidOperationException", "assertion failed"));
        Assert.Equal(3, Attempts(run, "System.TimeoutException", "slow"));
        // A derived type of a listed one matches (TaskCanceledException is an OperationCanceledException).
        Assert.Equal(3, Attempts(run, "System.Threading.Tasks.TaskCanceledException", "cancelled"));
        Assert.Equal(3, Attempts(run, "System.InvalidOperationException", "the connection reset by peer"));
        // A failure without an exception (a framework's own failure) can match a pattern only.
        Assert.Equal(1, Attempts(run, null, "no exception"));
        Assert.Equal(3, Attempts(run, null, "connection refused"));
    }

    [Fact]
    public async Task The_retry_attribute_overrides_the_settings_it_sets()
    {
        await using var run = await StartAsync(new()
        {
            ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.TimeoutException",
            ["HOLOGRAM__RETRY__DELAYMS"] = "7",
        });

        // Its own filter and retries; the delay of the settings.
        Assert.Equal(2, Attempts(run, "System.IO.IOException", "disk", nameof(Samples.IoOnly)));
        Assert.Equal(1, Attempts(run, "System.TimeoutException", "slow", nameof(Samples.IoOnly)));
        var decision = run.BeginTestCase(Info(nameof(Samples.IoOnly))).Complete(1, [Failed("System.IO.IOException", "disk")], false);
        Assert.Equal(TimeSpan.FromMilliseconds(7), decision.RetryDelay);
        // Its own delay and backoff; the filter of the settings.
        var linear = run.BeginTestCase(Info(nameof(Samples.SlowLinear)));
        Assert.Equal(TimeSpan.FromMilliseconds(60), linear.Complete(2, [Failed("System.TimeoutException", "slow")], false).RetryDelay);
        Assert.Equal(1, Attempts(run, "System.IO.IOException", "disk", nameof(Samples.SlowLinear)));
    }

    [Theory]
    [InlineData(nameof(Samples.BadPattern), "MessagePatterns='(x' (retry attribute of Ns.C.BadPattern) is not a valid regular expression")]
    [InlineData(nameof(Samples.BadDelay), "DelayMs='-5' (retry attribute of Ns.C.BadDelay) must be a whole number of milliseconds, at least 0")]
    public async Task A_bad_attribute_value_fails_the_test_with_one_line_naming_the_property(string method, string expected)
    {
        await using var run = await StartAsync([]);

        var testCase = run.BeginTestCase(Info(method));

        Assert.StartsWith(expected, Assert.IsType<HologramConfigurationException>(testCase.StartupError).Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', testCase.StartupError!.Message);
        Assert.Equal(1, testCase.MaxAttempts);
        Assert.Null(run.BeginTestCase(Info()).StartupError);
    }

    [Fact]
    public async Task RunAsync_waits_the_delay_on_the_run_s_clock_before_the_next_attempt()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var run = await StartAsync(new() { ["HOLOGRAM__RETRY__DELAYMS"] = "500", ["HOLOGRAM__RETRY__BACKOFF"] = "linear" }, clock);
        var started = new List<DateTimeOffset>();
        var notes = new List<string>();

        var running = run.BeginTestCase(Info()).RunAsync(
            attempt =>
            {
                started.Add(clock.GetUtcNow());
                return ValueTask.FromResult<IReadOnlyList<TestObservation>>([attempt < 3 ? Failed("System.Exception", "x") : TestObservation.Passed(Id, "M", 1)]);
            },
            () => false,
            notes.Add).AsTask();
        await WaitUntil(() => started.Count == 1);
        foreach (var (advanceMs, expected) in new[] { (499, 1), (1, 2), (999, 2), (1, 3) })
        {
            clock.Advance(TimeSpan.FromMilliseconds(advanceMs));
            await WaitUntil(() => started.Count >= expected);
            await Task.Delay(20);
            Assert.Equal(expected, started.Count);
        }

        var decision = await running;
        Assert.Equal((3, true), (decision.Attempt, decision.IsFinal));
        Assert.Equal([0.0, 500, 1500], started.Select(s => (s - started[0]).TotalMilliseconds));
        Assert.EndsWith("failed on attempt 1 of 3; retrying in 500 ms", notes[0], StringComparison.Ordinal);
        Assert.EndsWith("failed on attempt 2 of 3; retrying in 1000 ms", notes[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_waits_the_delay_before_the_next_attempt_and_a_final_attempt_has_none()
    {
        await using var run = await StartAsync(new() { ["HOLOGRAM__RETRY__DELAYMS"] = "150" });
        var started = new List<long>();

        var decision = run.BeginTestCase(Info()).Run(
            attempt =>
            {
                started.Add(Stopwatch.GetTimestamp());
                return [attempt == 1 ? Failed("System.Exception", "x") : TestObservation.Passed(Id, "M", 1)];
            },
            () => false);

        Assert.Equal((2, TimeSpan.Zero), (decision.Attempt, decision.RetryDelay));
        Assert.True(Stopwatch.GetElapsedTime(started[0], started[1]) >= TimeSpan.FromMilliseconds(140));
    }

    [Fact]
    public async Task More_failed_tests_than_MaxFailedTests_stop_every_retry_of_the_run_and_say_so_once()
    {
        await using var run = await StartAsync(new() { ["HOLOGRAM__RETRY__MAXFAILEDTESTS"] = "2" });

        Assert.Equal([3, 3, 1, 1, 1], Enumerable.Range(0, 5).Select(_ => Attempts(run, "System.Exception", "broken")));

        var stopped = Assert.Single(_warnings, w => w.Contains("retries stopped", StringComparison.Ordinal));
        Assert.StartsWith("hologram: retries stopped for the rest of this run: 3 tests failed, more than Retry:MaxFailedTests=2", stopped, StringComparison.Ordinal);
        Assert.Equal(stopped, run.Session!.RetriesStopped);
    }

    [Fact]
    public async Task MaxFailedTestsPercent_counts_the_tests_run_so_far_and_at_least_a_hundred()
    {
        await using var run = await StartAsync(new() { ["HOLOGRAM__RETRY__MAXFAILEDTESTSPERCENT"] = "2" });

        // 1 and 2 of at least 100 are within 2%; so are 3 of 151; 4 of 152 are not.
        Assert.Equal([3, 3], Enumerable.Range(0, 2).Select(_ => Attempts(run, "System.Exception", "broken")));
        for (var i = 0; i < 148; i++)
        {
            run.BeginTestCase(Info()).Complete(1, [TestObservation.Passed(Id, "M", 1)], false);
        }

        Assert.Equal(3, Attempts(run, "System.Exception", "broken"));
        Assert.Null(run.Session!.RetriesStopped);
        Assert.Equal(1, Attempts(run, "System.Exception", "broken"));
        Assert.StartsWith(
            "hologram: retries stopped for the rest of this run: 4 of 152 tests failed (2.6%), more than Retry:MaxFailedTestsPercent=2",
            run.Session.RetriesStopped,
            StringComparison.Ordinal);
        Assert.Single(_warnings, w => w.Contains("retries stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlyKnownFlaky_retries_the_tests_with_flakes_in_the_window_or_a_quarantine_and_no_other()
    {
        await using (var history = await HistoryStores.OpenAsync(_store, _repository.Root))
        {
            await history.AddFlakesAsync(
            [
                new FlakeEvent { TestId = "Ns.C.Flaky", RunId = "r1", Kind = FlakeKind.PassedOnRetry, DetectedAt = DateTimeOffset.UtcNow.AddDays(-1) },
                new FlakeEvent { TestId = "Ns.C.Old", RunId = "r0", Kind = FlakeKind.PassedOnRetry, DetectedAt = DateTimeOffset.UtcNow.AddDays(-30) },
            ]);
            await history.QuarantineAsync(new QuarantineEntry { TestId = "Ns.C.Quarantined", Since = DateTimeOffset.UtcNow, Reason = "r", By = "policy" });
        }

        await using var run = await StartAsync(new() { ["HOLOGRAM__RETRY__ONLYKNOWNFLAKY"] = "true" });

        Assert.Equal(3, Attempts(run, "System.Exception", "x", testId: "Ns.C.Flaky"));
        Assert.Equal(3, Attempts(run, "System.Exception", "x", testId: "Ns.C.Quarantined"));
        Assert.Equal(1, Attempts(run, "System.Exception", "x", testId: "Ns.C.Old"));
        Assert.Equal(1, Attempts(run, "System.Exception", "x", testId: "Ns.C.New"));
        // The attribute turns it on for one test of a run that retries every test.
        await using var everything = await StartAsync([]);
        Assert.Equal(1, Attempts(everything, "System.Exception", "x", nameof(Samples.KnownFlakyOnly), "Ns.C.New"));
        Assert.Equal(2, Attempts(everything, "System.Exception", "x", nameof(Samples.KnownFlakyOnly), "Ns.C.Flaky"));
        Assert.Equal(3, Attempts(everything, "System.Exception", "x", testId: "Ns.C.New"));
    }

    [Fact]
    public void A_pattern_that_runs_out_of_time_does_not_match()
    {
        var filter = FailureFilter.Create([], ["^(a+)+$"]);

        Assert.True(filter.Matches(null, "aaaa"));
        Assert.False(filter.Matches(null, new string('a', 40) + "!"));
    }

    private static RetryRules Rules(RetrySettings settings) => RetryRules.From(settings, 3);

    // Runs a test case that fails on every attempt; returns how many attempts it got.
    private static int Attempts(AdapterRun run, string? exceptionType, string message, string method = nameof(Samples.Plain), string testId = Id)
    {
        var attempts = 0;
        run.BeginTestCase(Info(method)).Run(
            _ =>
            {
                attempts++;
                return [TestObservation.Failed(testId, "M", 1, exceptionType, message, null)];
            },
            () => false);
        return attempts;
    }

    private const string Id = "Ns.C.M";

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(5);
        }
    }

    private async Task<AdapterRun> StartAsync(Dictionary<string, string?> environment, TimeProvider? clock = null)
    {
        environment["HOLOGRAM_PROFILE"] = "pr";
        environment["HOLOGRAM_STORE"] = _store;
        return await AdapterRun.StartAsync(() => _repository.Load(environment), "test", "tests", _warnings.Add, clock);
    }

    private static TestCaseInfo Info(string method = nameof(Samples.Plain)) => new()
    {
        ClassName = "Ns.C",
        Method = typeof(Samples).GetMethod(method, BindingFlags.Public | BindingFlags.Instance),
        Class = typeof(Samples),
    };

    private static TestObservation Failed(string type, string message) => TestObservation.Failed(Id, "M", 1, type, message, null);

    private sealed class Retry(int retries) : TestRetryAttribute(retries);

    private sealed class Samples
    {
        public void Plain()
        {
        }

        [Retry(1, ExceptionTypes = [typeof(IOException)])]
        public void IoOnly()
        {
        }

        [Retry(4, DelayMs = 30, Backoff = RetryBackoff.Linear)]
        public void SlowLinear()
        {
        }

        [Retry(1, OnlyKnownFlaky = true)]
        public void KnownFlakyOnly()
        {
        }

        [Retry(2, MessagePatterns = ["(x"])]
        public void BadPattern()
        {
        }

        [Retry(2, DelayMs = -5)]
        public void BadDelay()
        {
        }
    }
}
