using Hologram.Testing.History;
using Hologram.Testing.Perf;
using Xunit;
using static Hologram.Testing.Cli.Tests.Commands.PerfStoreHistoryTests;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class PerfBaselineIfStableTests
{
    private static readonly string Here = EnvironmentFingerprint.Current.Key;

    private static PerfHistoryEntry[] Stable(int runs, double p95 = 5) =>
        [.. Enumerable.Range(0, runs).Select(i => Entry($"run{i:D2}", "verify", p95 * (1 + (((i * 7) % 5) - 2) * 0.005), minutes: i * 60, environment: Here, commit: $"c{i:D2}"))];

    private static string BaselinePath(CliRun cli) => Path.Combine(cli.Root, "reports", "perf", "baseline.json");

    [Fact]
    public async Task Too_few_runs_refuse_with_one_line_and_exit_1_leaving_the_baseline()
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 5, run: "r1");
        await SeedAsync(cli, Stable(3));

        Assert.Equal(1, cli.Run("perf", "baseline", "--if-stable", "--days", "30"));

        Assert.Equal("hologram: baseline not rolled forward: too few runs: verify [main] has 3 run(s) in the window, at least 8 needed", cli.Error.Trim());
        Assert.False(File.Exists(BaselinePath(cli)));
    }

    [Fact]
    public async Task A_change_point_in_the_window_refuses_and_names_the_commit()
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 6, run: "r1");
        await SeedAsync(cli, [.. Shifted().Select(e => e with { Environment = Here })]);

        Assert.Equal(1, cli.Run("perf", "baseline", "--if-stable", "--days", "30"));

        var line = Assert.Single(cli.Error.Trim().Split('\n'));
        Assert.StartsWith("hologram: baseline not rolled forward: change point in window: verify [main]: p95 5", line, StringComparison.Ordinal);
        Assert.Contains("(+20%)", line, StringComparison.Ordinal);
        Assert.Contains("first commit after the shift commit1", line, StringComparison.Ordinal);
        Assert.False(File.Exists(BaselinePath(cli)));
    }

    [Fact]
    public async Task A_regression_above_the_threshold_refuses_and_keeps_the_old_baseline()
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));
        var before = await File.ReadAllTextAsync(BaselinePath(cli));
        PerfCommandTests.Measured(cli, "verify", 6.5, run: "r2");
        await SeedAsync(cli, Stable(10, p95: 6.5));

        Assert.Equal(1, cli.Run("perf", "baseline", "--if-stable", "--days", "30"));

        Assert.StartsWith("hologram: baseline not rolled forward: regression above threshold: verify p95 = 6.", cli.Error.Trim(), StringComparison.Ordinal);
        Assert.Single(cli.Error.Trim().Split('\n'));
        Assert.Equal(before, await File.ReadAllTextAsync(BaselinePath(cli)));
    }

    [Fact]
    public async Task A_stable_history_rolls_forward_and_writes_the_pr_note()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_COMMIT"] = "0123456789abcdef";
        PerfCommandTests.Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));
        PerfCommandTests.Measured(cli, "verify", 5.2, run: "r2");
        await SeedAsync(cli, Stable(10, p95: 5.1));
        cli.Environment["HOLOGRAM_COMMIT"] = "fedcba9876543210";

        Assert.Equal(0, cli.Run("perf", "baseline", "--if-stable", "--days", "30", "--note", "note.md"));

        Assert.Equal(string.Empty, cli.Error);
        var note = await File.ReadAllTextAsync(Path.Combine(cli.Root, "note.md"));
        Assert.StartsWith("Perf baseline rolled forward on main at fedcba9 (profile main)", note, StringComparison.Ordinal);
        Assert.Contains("| verify | 5", note, StringComparison.Ordinal);
        Assert.Contains("| +4% | 0123456 |", note, StringComparison.Ordinal);
        Assert.Contains("no change point", note, StringComparison.Ordinal);
        var baseline = PerfBaseline.Load(BaselinePath(cli));
        Assert.InRange(Assert.Single(baseline.Measurements).P95, 5.1, 5.4);
        Assert.Equal("fedcba9876543210", baseline.Commit);

        // Without --note the note goes to standard output.
        Assert.Equal(0, cli.Run("perf", "baseline", "--if-stable", "--days", "30"));
        Assert.Contains("Perf baseline rolled forward on main", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_environment_and_profile_keeps_its_own_baseline_entry()
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 5, run: "r1");
        Assert.Equal(0, cli.Run("perf", "baseline"));
        var path = BaselinePath(cli);
        var mine = Assert.Single(PerfBaseline.Load(path).Measurements);
        var other = mine with { Environment = mine.Environment with { Cores = 64 } };
        var nightly = mine with { Profile = "nightly" };
        new PerfBaseline { Measurements = [other, mine, nightly] }.Save(path);

        PerfCommandTests.Measured(cli, "verify", 5.5, run: "r2");
        Assert.Equal(0, cli.Run("perf", "baseline"));

        Assert.True(cli.Error.Length == 0, cli.Error);
        var merged = PerfBaseline.Load(path);
        Assert.Equal(3, merged.Measurements.Count);
        Assert.Contains(merged.Measurements, m => m.Environment.Cores == 64 && m.P95 == mine.P95);
        Assert.Contains(merged.Measurements, m => m.Profile == "nightly" && m.P95 == mine.P95);
        var candidate = merged.Measurements.Single(m => m.Profile == "main" && m.Environment.Cores != 64);
        Assert.InRange(candidate.P95, 5.4, 5.8);
        Assert.Same(candidate, merged.FindFor(candidate));
        Assert.Equal("nightly", merged.FindFor(candidate with { Profile = "nightly" })!.Profile);
        Assert.Equal(64, merged.FindFor(candidate with { Environment = candidate.Environment with { Cores = 64 } })!.Environment.Cores);
        // A profile without an entry of its own on this machine gates against this machine's entry.
        Assert.Equal(Environment.ProcessorCount, merged.FindFor(candidate with { Profile = "dev" })!.Environment.Cores);
    }

    [Theory]
    [InlineData("--min-runs", "0", "hologram: --min-runs must be at least 1, got 0")]
    [InlineData("--days", "0", "hologram: --days must be at least 1, got 0")]
    public void Bad_options_are_one_line_and_exit_2(string option, string value, string message)
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 5, run: "r1");

        Assert.Equal(2, cli.Run("perf", "baseline", "--if-stable", option, value));

        Assert.Equal(message, cli.Error.Trim());
    }
}
