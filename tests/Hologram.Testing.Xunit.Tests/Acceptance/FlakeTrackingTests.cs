using Hologram.Testing.History;
using Hologram.Testing.TestSupport;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

/// <summary>
/// The whole flake life cycle through the real framework and a real SQLite store, on a fake clock:
/// fail-then-pass is a flake, two flakes quarantine, a quarantined failure is reported skipped, ten passes release.
/// </summary>
public sealed class FlakeTrackingTests : IDisposable
{
    private const string TestId = "Hologram.Testing.Xunit.Tests.Acceptance.FlakeTrackingTests+Flaky.Test";
    private static readonly AsyncLocal<string?> ModeFile = new();
    private readonly string _root = Directory.CreateTempSubdirectory("hologram-flakes-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero));

    public FlakeTrackingTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, ".git"));
    }

    [Fact]
    public async Task Fail_then_pass_is_a_flake_two_flakes_quarantine_a_quarantined_failure_skips_and_ten_passes_release()
    {
        // Run 1: fails, then passes on the retry → passed, 2 attempts, 1 flake.
        var first = await RunAsync("flaky");
        Assert.Single(first.Passed);
        Assert.Empty(first.Failed);
        await using (var store = await OpenStoreAsync())
        {
            var run = Assert.Single(await store.GetRunsAsync(10));
            var attempts = await store.GetAttemptsAsync(run.RunId);
            Assert.Equal([TestOutcome.Failed, TestOutcome.Passed], attempts.Where(a => a.TestId == TestId).Select(a => a.Outcome));
            Assert.Equal([false, true], attempts.Where(a => a.TestId == TestId).Select(a => a.IsFinal));
            var flake = Assert.Single(await store.GetFlakesAsync(DateTimeOffset.MinValue));
            Assert.Equal(FlakeKind.PassedOnRetry, flake.Kind);
            Assert.Empty(await store.GetQuarantinedAsync());
        }

        // Run 2: the second flake within the window quarantines the test.
        await RunAsync("flaky");
        await using (var store = await OpenStoreAsync())
        {
            var entry = Assert.Single(await store.GetQuarantinedAsync());
            Assert.Equal(TestId, entry.TestId);
            Assert.Equal("policy", entry.By);
            Assert.StartsWith("2 flakes in 7 days", entry.Reason, StringComparison.Ordinal);
        }

        // Run 3: it now always fails → reported skipped with the quarantine reason, recorded as a failure.
        var quarantined = await RunAsync("fail");
        Assert.Empty(quarantined.Failed);
        Assert.StartsWith("quarantined since", quarantined.SkipReason("Test"), StringComparison.Ordinal);
        Assert.Contains("the failure does not break the build", quarantined.SkipReason("Test"), StringComparison.Ordinal);
        quarantined.AssertTotalsConsistent();
        await using (var store = await OpenStoreAsync())
        {
            var run = (await store.GetRunsAsync(1)).Single();
            var final = (await store.GetAttemptsAsync(run.RunId)).Single(a => a.TestId == TestId && a.IsFinal);
            Assert.Equal(TestOutcome.Failed, final.Outcome);
            Assert.True(final.Quarantined);
        }

        // Runs 4..13: ten passes in a row release it; after nine it is still quarantined.
        for (var i = 0; i < 9; i++)
        {
            await RunAsync("pass");
        }

        await using (var store = await OpenStoreAsync())
        {
            Assert.Single(await store.GetQuarantinedAsync());
        }

        await RunAsync("pass");
        await using (var store = await OpenStoreAsync())
        {
            Assert.Empty(await store.GetQuarantinedAsync());
            Assert.Equal(["quarantined", "released"], (await store.GetAuditAsync(TestId)).Select(a => a.Action));
        }
    }

    [Fact]
    public async Task Different_outcomes_on_the_same_commit_across_runs_are_a_flake()
    {
        var failing = await RunAsync("fail", ("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_COMMIT", "abc123"));
        Assert.Single(failing.Failed);

        await RunAsync("pass", ("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_COMMIT", "abc123"));
        await RunAsync("pass", ("HOLOGRAM_PROFILE", "dev"), ("HOLOGRAM_COMMIT", "def456"));

        await using var store = await OpenStoreAsync();
        var flake = Assert.Single(await store.GetFlakesAsync(DateTimeOffset.MinValue));
        Assert.Equal(FlakeKind.DifferentOutcomeSameCommit, flake.Kind);
        Assert.Equal("abc123", flake.Commit);
        Assert.Equal(TestId, flake.TestId);
    }

    [Fact]
    public Task Every_timestamp_recorded_by_a_session_comes_from_the_clock_given_to_the_run() =>
        // A run's and an attempt's times, the flake, the quarantine and its release, all read back on a 2031 fake clock.
        ClockScenario.CheckEveryRecordedTimeAsync(async (options, clock) =>
        {
            var result = await InProcessRun.RunAsync(() => options, clock, typeof(OnClock));
            Assert.Equal(2, result.Passed.Count);
            Assert.Empty(result.Failed);
        });

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task<RunResult> RunAsync(string mode) => RunAsync(mode, ("HOLOGRAM_PROFILE", "pr"));

    private async Task<RunResult> RunAsync(string mode, params (string Name, string Value)[] environment)
    {
        _clock.Advance(TimeSpan.FromHours(1));
        var modeFile = Path.Combine(_root, "mode.txt");
        await File.WriteAllTextAsync(modeFile, mode + "\n0");
        ModeFile.Value = modeFile;
        var options = TestOptions.In(_root, [("HOLOGRAM_STORE", "sqlite:reports/hologram.db"), .. environment]);
        return await InProcessRun.RunAsync(() => options, _clock, typeof(Flaky));
    }

    private Task<IHistoryStore> OpenStoreAsync() => HistoryStores.OpenAsync("sqlite:reports/hologram.db", _root);

    /// <summary>The clock scenario's fixture: <c>FailsOnce</c> fails on the first attempt of a flaky session.</summary>
    private sealed class OnClock
    {
        [Fact, Retry(1)]
        public void FailsOnce() => (ClockScenario.Current ?? throw new InvalidOperationException("runs only in a clock scenario")).FailsOnce();

        [Fact]
        public void Passes()
        {
        }
    }

    /// <summary>Behaves as the mode file says: flaky (fail once, then pass), fail, or pass; attempts counted in the file.</summary>
    private sealed class Flaky
    {
        [Fact]
        public void Test()
        {
            var path = ModeFile.Value ?? throw new InvalidOperationException("no mode file");
            var lines = File.ReadAllLines(path);
            var attempt = int.Parse(lines[1], System.Globalization.CultureInfo.InvariantCulture) + 1;
            File.WriteAllLines(path, [lines[0], attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            switch (lines[0])
            {
                case "flaky":
                    Assert.True(attempt > 1, "fails on its first attempt");
                    break;
                case "fail":
                    Assert.Fail("broken for now");
                    break;
            }
        }
    }
}
