using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeImpactCommandTests
{
    [Fact]
    public void Counts_failed_runs_branches_and_commits_including_masked_failures()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);

        Assert.Equal(0, cli.Run("flake", "impact", FlakeHistorySeed.Broken));

        const string Expected = """
            Ns.Db.Broken in the last 7 days:
              failed runs:  2 of 4 (1 reported as skipped by quarantine)
              branches:     2 (feature/x, main)
              commits:      1
              flakes:       0
              quarantine:   -

            """;
        Assert.Equal(Expected, cli.Out);
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void A_test_that_never_failed_needs_no_run_scan()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);

        Assert.Equal(0, cli.Run("flake", "impact", FlakeHistorySeed.Flaky));

        Assert.Contains("  failed runs:  0 of 4", cli.OutLines);
        Assert.Contains("  quarantine:   since 2025-03-09 by policy: 2 flakes in 7 days", cli.OutLines);
        Assert.Equal(0, cli.Store.AttemptQueries);
    }

    [Fact]
    public void Days_limits_the_window_and_a_test_outside_it_has_no_impact()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);

        Assert.Equal(0, cli.Run("flake", "impact", FlakeHistorySeed.Old));
        Assert.Contains("  failed runs:  0 of 0", cli.OutLines);

        Assert.Equal(0, cli.Run("flake", "impact", FlakeHistorySeed.Old, "--days", "60"));
        Assert.Contains("  failed runs:  1 of 1", cli.OutLines);
        Assert.Contains("  commits:      1", cli.OutLines);
    }

    [Fact]
    public void Stops_reading_runs_once_every_failure_is_found()
    {
        using var cli = new FlakeCli();
        for (var i = 0; i < 50; i++)
        {
            var run = $"run{i}";
            cli.Store.AddRun(run, FlakeCli.Now.AddHours(-i - 1), $"c{i}", "main");
            cli.Store.AddResult(run, "Ns.C.M", i < 3 ? TestOutcome.Failed : TestOutcome.Passed);
        }

        Assert.Equal(0, cli.Run("flake", "impact", "Ns.C.M"));

        Assert.Contains("  failed runs:  3 of 50", cli.OutLines);
        Assert.Equal(3, cli.Store.AttemptQueries);
    }

    [Fact]
    public void Unknown_test_is_bad_input()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);

        Assert.Equal(2, cli.Run("flake", "impact", "Ns.No.Such"));

        cli.AssertOneErrorLine("no recorded results for test 'Ns.No.Such' in sqlite:/repo/reports/hologram.db");
        Assert.Empty(cli.Out);
    }
}
