using Hologram.Testing.History;
using Hologram.Testing.Perf.Tests.Budgets;
using Hologram.Testing.Sdk;
using Microsoft.Data.Sqlite;

namespace Hologram.Testing.Perf.Tests.Records;

public sealed class PerfHistoryRecordingTests
{
    private static readonly DateTimeOffset Long = DateTimeOffset.UnixEpoch;

    [Fact]
    public async Task A_measurement_outside_a_test_session_is_recorded_with_a_run_of_this_process()
    {
        using var reports = new TempReports("nightly", new Dictionary<string, string?> { ["HOLOGRAM_STORE"] = "sqlite:reports/hologram.db" });
        var op = new FakeOperation(i => 2 + (i % 5));
        var options = new PerfOptions
        {
            Samples = 200, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = op.Clock,
            Configuration = reports.Options, Commit = "c0ffee",
        };

        var result = Perf.Measure("verify", op.Invoke, options);
        var cold = Perf.MeasureCold("verify", op.Invoke, reset: () => { }, options);
        await HistoryRecorders.CloseProcessRunsAsync();

        await using var store = await HistoryStores.OpenAsync(reports.Options.Store, reports.Root);
        var stored = await store.GetPerfAsync(Long);
        Assert.Equal(2, stored.Count);
        var warm = stored.Single(p => p.Phase == "warm");
        Assert.Equal("verify", warm.Name);
        Assert.Equal("nightly", warm.Profile);
        Assert.Equal("c0ffee", warm.Commit);
        Assert.Equal(200, warm.Samples);
        Assert.Equal(result.P95, warm.P95Ms);
        Assert.Equal(result.P95Lower, warm.P95LowerMs);
        Assert.Equal(result.P95Upper, warm.P95UpperMs);
        Assert.Equal(EnvironmentFingerprint.Current.Key, warm.Environment);
        Assert.Equal(cold.P95, stored.Single(p => p.Phase == "cold").P95Ms);
        var run = Assert.Single(await store.GetRunsAsync(5));
        Assert.Equal(run.RunId, warm.RunId);
        Assert.NotNull(run.EndedAt);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_measurement_in_a_test_session_is_recorded_with_the_session_run()
    {
        using var reports = new TempReports("pr", new Dictionary<string, string?> { ["HOLOGRAM_STORE"] = "sqlite:reports/hologram.db" });
        var op = new FakeOperation(i => 1 + (i % 3));
        string runId;
        await using (var session = await TestRunSession.StartAsync(reports.Options, "xunit2", "Perf.Tests"))
        {
            runId = session.Run.RunId;
            Perf.Measure("gql", op.Invoke, op.Options(reports, samples: 50));
        }

        await using var store = await HistoryStores.OpenAsync(reports.Options.Store, reports.Root);
        var stored = Assert.Single(await store.GetPerfAsync(Long));
        Assert.Equal(runId, stored.RunId);
        Assert.Equal("pr", stored.Profile);
        Assert.Equal(50, stored.Samples);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task With_the_store_off_nothing_is_recorded_but_the_csv()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(i => 1);
        Perf.Measure("off", op.Invoke, op.Options(reports, samples: 20));
        await HistoryRecorders.CloseProcessRunsAsync();

        Assert.Null(HistoryRecorders.For(reports.Options));
        Assert.True(File.Exists(Path.Combine(reports.PerfDir, "off.csv")));
        Assert.False(File.Exists(Path.Combine(reports.Options.ReportsDir, "hologram.db")));
    }
}
