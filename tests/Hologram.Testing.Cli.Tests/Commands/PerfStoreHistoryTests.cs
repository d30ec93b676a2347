using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Cli.Store;
using Hologram.Testing.History;
using Microsoft.Data.Sqlite;
using Xunit;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class PerfStoreHistoryTests
{
    [Fact]
    public async Task The_store_is_read_when_it_holds_measurements_and_the_csv_exports_otherwise()
    {
        using var cli = new CliRun();
        PerfCommandTests.Measured(cli, "verify", 5, run: "csv-1");
        var options = HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = cli.Root, EnvironmentVariables = cli.Environment });

        var fromCsv = await PerfHistorySource.LoadAsync(options, HistoryBackend.Instance, DateTimeOffset.UnixEpoch, null, default);
        Assert.False(fromCsv.FromStore);
        Assert.Equal("csv-1", Assert.Single(fromCsv.Entries).RunId);
        Assert.Equal(PerfHistorySource.UnknownEnvironment, fromCsv.Entries[0].Environment);

        await SeedAsync(cli, Entry("s1", "verify", 5), Entry("s2", "verify", 6, branch: "feature"));
        var fromStore = await PerfHistorySource.LoadAsync(options, HistoryBackend.Instance, DateTimeOffset.UnixEpoch, null, default);
        Assert.True(fromStore.FromStore);
        Assert.Equal(["s1", "s2"], fromStore.Entries.Select(e => e.RunId));
        var main = await PerfHistorySource.LoadAsync(options, HistoryBackend.Instance, DateTimeOffset.UnixEpoch, "main", default);
        Assert.Equal("s1", Assert.Single(main.Entries).RunId);
    }

    [Fact]
    public async Task Check_counts_consecutive_breaching_runs_from_the_store()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        PerfCommandTests.Measured(cli, "verify", 9, run: "csv-1");

        // The CSV export has one breaching run: the rule waits.
        Assert.Equal(0, cli.Run("perf", "check", "--consecutive", "3"));
        Assert.Contains("breach 1 of 3", cli.Out, StringComparison.Ordinal);

        // The store has three in a row (the latest is the run being checked).
        await SeedAsync(cli, Entry("s1", "verify", 9.1, minutes: 1), Entry("s2", "verify", 9.3, minutes: 2), Entry("s3", "verify", 9, minutes: 3));
        Assert.Equal(1, cli.Run("perf", "check", "--consecutive", "3"));

        // A run under the budget in between breaks the chain.
        await SeedAsync(cli, Entry("s4", "verify", 7, minutes: 4), Entry("s5", "verify", 9, minutes: 5));
        Assert.Equal(0, cli.Run("perf", "check", "--consecutive", "3"));
        Assert.Contains("breach 1 of 3", cli.Out, StringComparison.Ordinal);
    }

    internal static readonly DateTimeOffset T0 = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-20);

    /// <summary>30 runs of <c>verify</c> on main, one per 4 hours, at 5 ms and from run 15 on at 6 ms, with small noise.</summary>
    internal static PerfHistoryEntry[] Shifted(string branch = "main", double factor = 1.2) =>
        [.. Enumerable.Range(0, 30).Select(i => Entry($"{branch}-{i:D2}", "verify", (i >= 15 ? 5 * factor : 5) * (1 + (((i * 7) % 5) - 2) * 0.005), minutes: i * 240, branch: branch, commit: $"commit{i:D2}{branch}"))];

    [Fact]
    public async Task Trends_lists_the_shift_with_the_first_commit_after_it()
    {
        using var cli = new CliRun();
        await SeedAsync(cli, [.. Shifted(), .. Shifted("feature", factor: 1)]);

        Assert.Equal(0, cli.Run("perf", "trends", "--branch", "main"));

        Assert.Contains("1 series, 1 change point(s)", cli.Out, StringComparison.Ordinal);
        var line = Assert.Single(cli.OutLines, l => l.Contains("first commit after the shift", StringComparison.Ordinal));
        Assert.Contains("verify [main] env #1: p95 5", line, StringComparison.Ordinal);
        Assert.Contains("(+20%)", line, StringComparison.Ordinal);
        Assert.Contains("first commit after the shift commit1 (last before: commit1", line, StringComparison.Ordinal);
        Assert.Contains("env #1: env-a", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("perf", "trends", "--branch", "feature"));
        Assert.Contains("1 series, 0 change point(s)", cli.Out, StringComparison.Ordinal);

        // Outside the window there is nothing.
        Assert.Equal(0, cli.Run("perf", "trends", "--days", "1"));
        Assert.Contains("nothing to analyse", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trends_attributes_the_shift_to_the_exact_commit()
    {
        using var cli = new CliRun();
        var history = Shifted();
        await SeedAsync(cli, history);
        var options = HologramConfiguration.Load(new HologramConfigurationSource { StartDirectory = cli.Root, EnvironmentVariables = cli.Environment });
        var source = await PerfHistorySource.LoadAsync(options, HistoryBackend.Instance, DateTimeOffset.UnixEpoch, "main", default);

        var shift = Assert.Single(Assert.Single(PerfTrends.Analyse(source.Entries)).Shifts);

        Assert.Equal("commit15main", shift.First.Commit);
        Assert.Equal("commit14main", shift.LastBefore.Commit);
    }

    [Theory]
    [InlineData("--days", "0", "hologram: --days must be at least 1, got 0")]
    [InlineData("--min-change", "-1", "hologram: --min-change must be a positive number of percent, got -1")]
    [InlineData("--branch", " ", "hologram: --branch must name a branch, got an empty value")]
    public void Trends_rejects_bad_options_in_one_line(string option, string value, string message)
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("perf", "trends", option, value));

        Assert.Equal(message, cli.Error.Trim());
    }

    [Fact]
    public async Task The_report_marks_change_points_and_the_summary_lists_new_ones()
    {
        using var cli = new CliRun();
        // The shift's first measurement is 2.5 days old: new.
        await SeedAsync(cli, [.. Shifted().Select(e => e with { MeasuredAt = e.MeasuredAt.AddDays(15) })]);

        Assert.Equal(0, cli.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(cli.Root, "reports", "index.html"));
        Assert.Contains("<line class=\"change\"", html, StringComparison.Ordinal);
        Assert.Contains("change point: verify: p95 5", html, StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("summary"));
        Assert.Contains("**New change points** (last 7 days)", cli.Out, StringComparison.Ordinal);
        Assert.Contains("first commit after the shift commit1", cli.Out, StringComparison.Ordinal);
    }

    internal static PerfHistoryEntry Entry(
        string run, string name, double p95, double minutes = 0, string? branch = "main", string environment = "env-a", string profile = "main", string? commit = null) => new()
    {
        RunId = run,
        Name = name,
        Phase = "warm",
        Profile = profile,
        Environment = environment,
        Commit = commit ?? "c-" + run,
        Branch = branch,
        Samples = 100,
        P50Ms = p95 * 0.8,
        P95Ms = p95,
        P95LowerMs = p95 * 0.97,
        P95UpperMs = p95 * 1.03,
        MeanMs = p95 * 0.85,
        MeasuredAt = T0.AddMinutes(minutes),
    };

    internal static async Task SeedAsync(CliRun cli, params PerfHistoryEntry[] entries)
    {
        await using (var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", cli.Root))
        {
            await store.AppendPerfAsync(entries);
        }

        SqliteConnection.ClearAllPools();
    }
}
