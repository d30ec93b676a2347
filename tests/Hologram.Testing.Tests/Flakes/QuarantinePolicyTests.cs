using Hologram.Testing.Flakes;
using Hologram.Testing.History;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hologram.Testing.Tests.Flakes;

public sealed class QuarantinePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly FlakeSettings _settings = new() { WindowDays = 7, QuarantineAfter = 2, ReleaseAfter = 10 };

    private QuarantinePolicy Policy => new(_settings, _clock);

    [Fact]
    public void Two_flakes_within_the_window_quarantine_the_test()
    {
        var decisions = Policy.Decide([Flake("T", "r1", days: -3), Flake("T", "r2", days: -1)], [], NoPasses, []);

        var decision = Assert.Single(decisions);
        Assert.False(decision.IsRelease);
        Assert.Equal("T", decision.Quarantine!.TestId);
        Assert.Equal(QuarantinePolicy.Actor, decision.Quarantine.By);
        Assert.Equal(Now, decision.Quarantine.Since);
        Assert.StartsWith("2 flakes in 7 days", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_flake_or_flakes_outside_the_window_do_not()
    {
        Assert.Empty(Policy.Decide([Flake("T", "r1", days: -1)], [], NoPasses, []));
        Assert.Empty(Policy.Decide([Flake("T", "r1", days: -8), Flake("T", "r2", days: -1)], [], NoPasses, []));
    }

    [Fact]
    public void The_same_run_counts_once_per_kind()
    {
        Assert.Empty(Policy.Decide([Flake("T", "r1", days: -2), Flake("T", "r1", days: -1)], [], NoPasses, []));
    }

    [Fact]
    public void Time_moving_on_drops_old_flakes_out_of_the_window()
    {
        var flakes = new[] { Flake("T", "r1", days: -6), Flake("T", "r2", days: -5) };
        Assert.Single(Policy.Decide(flakes, [], NoPasses, []));

        _clock.Advance(TimeSpan.FromDays(2));

        Assert.Empty(Policy.Decide(flakes, [], NoPasses, []));
    }

    [Fact]
    public void A_quarantined_test_is_released_after_the_configured_consecutive_passes()
    {
        var entry = Quarantined("T", manual: false);

        Assert.Empty(Policy.Decide([], [entry], Passes("T", 9), []));
        var release = Assert.Single(Policy.Decide([], [entry], Passes("T", 10), []));
        Assert.True(release.IsRelease);
        Assert.Equal("10 consecutive passes", release.Reason);
    }

    [Fact]
    public void A_quarantined_test_is_not_quarantined_again()
    {
        var entry = Quarantined("T", manual: false);

        Assert.Empty(Policy.Decide([Flake("T", "r1", -2), Flake("T", "r2", -1), Flake("T", "r3", -1)], [entry], Passes("T", 0), []));
    }

    [Fact]
    public void Flakes_before_the_last_release_do_not_count_again()
    {
        var flakes = new[] { Flake("T", "r1", days: -3), Flake("T", "r2", days: -2) };
        var released = new AuditEntry { At = Now.AddDays(-1), TestId = "T", Action = AuditActions.Released, Reason = "10 consecutive passes", By = "policy" };

        Assert.Empty(Policy.Decide(flakes, [], NoPasses, [released]));
        Assert.Single(Policy.Decide([.. flakes, Flake("T", "r3", hours: -2), Flake("T", "r4", hours: -1)], [], NoPasses, [released]));
    }

    [Fact]
    public void A_manual_quarantine_is_never_released_before_its_until_date()
    {
        var until = Now.AddDays(3);
        var manual = Quarantined("T", manual: true, until);

        Assert.Empty(Policy.Decide([], [manual], Passes("T", 50), []));
        _clock.Advance(TimeSpan.FromDays(4));
        Assert.Single(Policy.Decide([], [manual], Passes("T", 50), []));
    }

    [Fact]
    public void A_manual_quarantine_without_until_is_never_released_by_the_policy()
    {
        Assert.Empty(Policy.Decide([], [Quarantined("T", manual: true)], Passes("T", 1000), []));
    }

    [Fact]
    public void The_skip_reason_names_the_quarantine_and_the_first_line_of_the_failure()
    {
        var entry = new QuarantineEntry { TestId = "T", Since = Now, Reason = "2 flakes in 7 days", By = "policy" };

        var reason = QuarantinePolicy.SkipReason(entry, "Assert.Equal() Failure\nExpected: 1\nActual: 2");

        Assert.Equal("quarantined since 2026-11-27 12:00Z by policy after 2 flakes in 7 days; the failure does not break the build; failure: Assert.Equal() Failure", reason);
    }

    [Fact]
    public void A_manual_quarantine_reason_reads_as_the_user_wrote_it()
    {
        var entry = new QuarantineEntry { TestId = "T", Since = Now, Reason = "known bug #12", By = "alice", Manual = true };

        Assert.Equal("quarantined since 2026-11-27 12:00Z by alice: known bug #12; the failure does not break the build", QuarantinePolicy.SkipReason(entry, null));
    }

    private static readonly IReadOnlyDictionary<string, int> NoPasses = new Dictionary<string, int>();

    private static Dictionary<string, int> Passes(string testId, int count) => new() { [testId] = count };

    private static FlakeEvent Flake(string testId, string runId, double days = 0, double hours = 0) => new()
    {
        TestId = testId,
        RunId = runId,
        Kind = FlakeKind.PassedOnRetry,
        DetectedAt = Now.AddDays(days).AddHours(hours),
    };

    private static QuarantineEntry Quarantined(string testId, bool manual, DateTimeOffset? until = null) => new()
    {
        TestId = testId,
        Since = Now.AddDays(-1),
        Reason = manual ? "known bug #12" : "2 flakes in 7 days",
        By = manual ? "alice" : "policy",
        Manual = manual,
        Until = until,
    };
}
