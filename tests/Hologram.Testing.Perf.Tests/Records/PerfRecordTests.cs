using System.Text.Json;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Perf.Tests.Budgets;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Perf.Tests.Records;

public sealed class PerfRecordTests
{
    [Fact]
    public void Every_measurement_appends_a_csv_line()
    {
        using var reports = new TempReports("nightly", new Dictionary<string, string?> { ["HOLOGRAM_COMMIT"] = "ignored-by-options" });
        var op = new FakeOperation(i => 2 + (i % 5));
        var options = new PerfOptions
        {
            Samples = 200, Warmup = 1, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = op.Clock,
            Configuration = reports.Options, Commit = "abc123",
        };

        Perf.Measure("verify", op.Invoke, options);
        Perf.Measure("verify", op.Invoke, options);

        var lines = File.ReadAllLines(Path.Combine(reports.PerfDir, "verify.csv"));
        Assert.Equal(3, lines.Length);
        Assert.Equal("timestamp,run,profile,commit,phase,n,p50_ms,p95_ms,p95_lower_ms,p95_upper_ms,p99_ms,mean_ms,alloc_bytes_per_op,level", lines[0]);
        var row = PerfCsvRow.TryParse(lines[2])!;
        Assert.Equal("nightly", row.Profile);
        Assert.Equal("abc123", row.Commit);
        Assert.Equal(PerfPhase.Warm, row.Phase);
        Assert.Equal(200, row.N);
        Assert.InRange(row.P95, 5.5, 6);
        Assert.True(row.P95Lower <= row.P95Upper);
        Assert.Equal(0.99, row.Level);
    }

    [Fact]
    public void Unbounded_intervals_round_trip_through_csv_and_json()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(i => 1 + (i % 3));

        var result = Perf.Measure("small", op.Invoke, op.Options(reports, samples: 10));

        var row = PerfHistory.Read(new ReportsLayout(reports.Options.ReportsDir).PerfCsv("small")).Single();
        Assert.True(double.IsPositiveInfinity(row.P95Upper));
        var latest = PerfJson.Read<PerfRecord>(new ReportsLayout(reports.Options.ReportsDir).PerfSamples("small"))!;
        Assert.True(double.IsPositiveInfinity(latest.P95Upper));
        Assert.Equal(result.Samples, latest.Samples);
        Assert.Equal(EnvironmentFingerprint.Current, latest.Environment);
    }

    [Fact]
    public void Cold_and_warm_profiles_give_cache_ratios()
    {
        using var reports = new TempReports();
        var cache = new Dictionary<int, int>();
        var op = new FakeOperation(_ => 1);
        var slow = new FakeOperation(_ => 0);
        var options = op.Options(reports, samples: 30);

        Perf.Measure("lookup", op.Invoke, options);
        Perf.MeasureCold("lookup", () => { op.Invoke(); op.Clock.Advance(TimeSpan.FromMilliseconds(cache.Count == 0 ? 4 : 0)); cache[1] = 1; }, cache.Clear, options);

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports.PerfDir, "cache_profiles.json")));
        var lookup = document.RootElement.GetProperty("measurements").GetProperty("lookup");
        Assert.Equal(5, lookup.GetProperty("coldWarmRatioP50").GetDouble(), 6);
        Assert.Equal(30, lookup.GetProperty("cold").GetProperty("n").GetInt32());
        Assert.Equal(1, lookup.GetProperty("warm").GetProperty("p50Ms").GetDouble(), 6);
        Assert.Contains("cold", File.ReadAllLines(Path.Combine(reports.PerfDir, "lookup.csv"))[2], StringComparison.Ordinal);
        Assert.Equal(0, slow.Calls);
    }

    [Fact]
    public void Registered_sinks_receive_every_recorded_measurement()
    {
        using var reports = new TempReports();
        var op = new FakeOperation(_ => 1);
        var sink = new ListSink();
        PerfResultSinks.Add(sink);
        try
        {
            Perf.Measure("sunk", op.Invoke, op.Options(reports, samples: 5));
            Perf.Measure("unrecorded", op.Invoke, new PerfOptions { Samples = 5, Record = false, SettleJit = false, MinWarmupTime = TimeSpan.Zero, TimeProvider = op.Clock, Configuration = reports.Options });
        }
        finally
        {
            PerfResultSinks.Remove(sink);
        }

        // The sink list is process-wide and other test classes measure in parallel: judge only this test's names.
        List<string> names;
        lock (sink.Names)
        {
            names = sink.Names.Where(n => n is "sunk" or "unrecorded").ToList();
        }

        Assert.Equal(["sunk"], names);
        Assert.False(File.Exists(Path.Combine(reports.PerfDir, "unrecorded.csv")));
    }

    private sealed class ListSink : IPerfResultSink
    {
        public List<string> Names { get; } = [];

        public void Record(PerfResult result)
        {
            lock (Names)
            {
                Names.Add(result.Name);
            }
        }
    }
}
