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

    internal static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

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
