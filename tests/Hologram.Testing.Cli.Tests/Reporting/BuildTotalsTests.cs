using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Reporting;

public sealed class BuildTotalsTests
{
    private static readonly DateTimeOffset T0 = ReportFixture.Now;

    [Fact]
    public void Runs_group_by_build_id_and_local_runs_by_overlap()
    {
        RunTotals[] runs =
        [
            Totals("ci-a1", T0, T0.AddMinutes(5), "b1"),
            Totals("ci-a2", T0.AddSeconds(3), T0.AddMinutes(9), "b1"),
            Totals("local-1", T0.AddHours(1), T0.AddHours(1).AddMinutes(2)),
            Totals("local-2", T0.AddHours(1).AddSeconds(1), T0.AddHours(1).AddMinutes(1)),
            Totals("local-3", T0.AddHours(1).AddMinutes(3), T0.AddHours(1).AddMinutes(5)),
            Totals("local-3-again", T0.AddHours(1).AddMinutes(6), T0.AddHours(1).AddMinutes(7), assembly: "local-3"),
            Totals("local-later", T0.AddHours(2), T0.AddHours(2).AddMinutes(1)),
            Totals("other-commit", T0.AddHours(2).AddSeconds(5), T0.AddHours(2).AddMinutes(1), commit: "def"),
        ];

        var builds = BuildTotals.Group(runs);

        Assert.Equal(
            ["other-commit", "local-later", "local-3-again", "local-3 local-2 local-1", "ci-a2 ci-a1"],
            builds.Select(b => string.Join(' ', b.Runs.Select(r => r.Run.RunId))));
        Assert.Equal("b1", builds[4].Id);
        Assert.Equal(T0, builds[4].StartedAt);
        Assert.Equal(TimeSpan.FromMinutes(9).TotalMilliseconds, builds[4].WallMs);
        Assert.Equal(6, builds[3].Passed);
    }

    private static RunTotals Totals(string id, DateTimeOffset started, DateTimeOffset ended, string? build = null, string commit = "abc", string? assembly = null) => new()
    {
        Run = new RunInfo { RunId = id, BuildId = build, Commit = commit, Profile = "dev", Host = "box", Framework = "xunit2", Assembly = assembly ?? id, StartedAt = started, EndedAt = ended },
        Passed = 2, Failed = 0, Skipped = 0, PassedOnRetry = 0, QuarantinedFailures = 0, Attempts = 2, TestDurationMs = 10,
    };
}
