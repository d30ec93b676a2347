using Hologram.Testing.Reports;
using Xunit;

namespace Hologram.Testing.Tests.Reports;

public sealed class ChaosReportFileTests : IDisposable
{
    // The format the chaos package has always written: existing files must keep reading, new ones must look the same.
    private const string ExperimentGolden = """
        {
          "name": "store-kill",
          "kind": "chaos_experiment",
          "started_at": "2025-03-10T10:00:00.0000000\u002B00:00",
          "duration_ms": 9321.4,
          "operations": 1421,
          "failures": 12,
          "success_rate": 0.991555,
          "phases": [
            {
              "phase": "SteadyState",
              "operations": 724,
              "failures": 0,
              "success_rate": 1
            },
            {
              "phase": "Fault",
              "operations": 697,
              "failures": 12,
              "success_rate": 0.982783
            }
          ],
          "recovered": true,
          "recovery_ms": 1488.2,
          "acknowledged_writes": 1409,
          "lost_writes": [
            {
              "key": "k-7",
              "phase": "Fault",
              "problem": "not found"
            }
          ],
          "corrupted_writes": [
            {
              "key": "k-1",
              "phase": "Fault",
              "problem": "read \u0027garbage\u0027, acknowledged \u0027v-1\u0027"
            }
          ],
          "thresholds": {
            "min_success_rate": 0.95,
            "max_recovery_ms": 30000,
            "max_lost_writes": 0
          },
          "violations": [
            "1 lost and 1 corrupted of 1409 acknowledged writes (allowed 0): k-7 (not found, acknowledged in Fault)"
          ],
          "passed": false
        }
        """;

    private const string RampGolden = """
        {
          "name": "search-ramp",
          "kind": "load_ramp",
          "steps": [
            {
              "concurrency": 1,
              "requests": 200,
              "errors": 0,
              "error_rate": 0,
              "elapsed_ms": 900.5,
              "throughput_per_s": 222.1,
              "p50_ms": 4.125,
              "p95_ms": 6.3,
              "p99_ms": 8
            },
            {
              "concurrency": 2,
              "requests": 400,
              "errors": 10,
              "error_rate": 0.025,
              "elapsed_ms": 1739,
              "throughput_per_s": 230.02,
              "p50_ms": 8.5,
              "p95_ms": 14.25,
              "p99_ms": 20.125
            }
          ],
          "knee_concurrency": null,
          "knee_reason": "throughput 222.1/s \u2192 230/s (\u002B4%) from concurrency 1 to 2"
        }
        """;

    private static readonly ChaosExperimentFile Experiment = new()
    {
        Name = "store-kill",
        StartedAt = new DateTimeOffset(2025, 3, 10, 10, 0, 0, TimeSpan.Zero),
        DurationMs = 9321.4,
        Operations = 1421,
        Failures = 12,
        SuccessRate = 0.991555,
        Phases =
        [
            new ChaosPhaseEntry { Phase = "SteadyState", Operations = 724, Failures = 0, SuccessRate = 1 },
            new ChaosPhaseEntry { Phase = "Fault", Operations = 697, Failures = 12, SuccessRate = 0.982783 },
        ],
        Recovered = true,
        RecoveryMs = 1488.2,
        AcknowledgedWrites = 1409,
        LostWrites = [new ChaosWriteEntry { Key = "k-7", Phase = "Fault", Problem = "not found" }],
        CorruptedWrites = [new ChaosWriteEntry { Key = "k-1", Phase = "Fault", Problem = "read 'garbage', acknowledged 'v-1'" }],
        Thresholds = new ChaosThresholdsEntry { MinSuccessRate = 0.95, MaxRecoveryMs = 30000, MaxLostWrites = 0 },
        Violations = ["1 lost and 1 corrupted of 1409 acknowledged writes (allowed 0): k-7 (not found, acknowledged in Fault)"],
        Passed = false,
    };

    private static readonly LoadRampFile Ramp = new()
    {
        Name = "search-ramp",
        Steps =
        [
            new LoadStepEntry { Concurrency = 1, Requests = 200, Errors = 0, ErrorRate = 0, ElapsedMs = 900.5, ThroughputPerSecond = 222.1, P50Ms = 4.125, P95Ms = 6.3, P99Ms = 8 },
            new LoadStepEntry { Concurrency = 2, Requests = 400, Errors = 10, ErrorRate = 0.025, ElapsedMs = 1739, ThroughputPerSecond = 230.02, P50Ms = 8.5, P95Ms = 14.25, P99Ms = 20.125 },
        ],
        KneeConcurrency = null,
        KneeReason = "throughput 222.1/s → 230/s (+4%) from concurrency 1 to 2",
    };

    private readonly string _root = Directory.CreateTempSubdirectory("hologram-chaosreport-").FullName;

    private string PathOf(string name) => Path.Combine(_root, "chaos", name);

    [Fact]
    public void An_experiment_report_is_written_in_the_existing_format()
    {
        var path = PathOf("store-kill.json");

        Experiment.Write(path);

        Assert.Equal(ExperimentGolden, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_load_ramp_report_is_written_in_the_existing_format()
    {
        var path = PathOf("search-ramp.json");

        Ramp.Write(path);

        Assert.Equal(RampGolden, File.ReadAllText(path).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Files_in_the_existing_format_read_as_the_typed_reports()
    {
        File.WriteAllText(PathOf2("store-kill.json"), ExperimentGolden);
        File.WriteAllText(PathOf2("search-ramp.json"), RampGolden);

        Assert.Equivalent(Experiment, Assert.IsType<ChaosExperimentFile>(ChaosReportFile.Read(PathOf("store-kill.json"))), strict: true);
        Assert.Equivalent(Ramp, Assert.IsType<LoadRampFile>(ChaosReportFile.Read(PathOf("search-ramp.json"))), strict: true);
    }

    [Fact]
    public void What_is_written_reads_back_equal()
    {
        var knee = Ramp with { Name = "ramp-2", KneeConcurrency = 1 };
        Experiment.Write(PathOf("a.json"));
        knee.Write(PathOf("b.json"));

        Assert.Equivalent(Experiment, ChaosReportFile.Read(PathOf("a.json")), strict: true);
        Assert.Equivalent(knee, ChaosReportFile.Read(PathOf("b.json")), strict: true);
        Assert.Equal(ChaosExperimentFile.FileKind, ChaosReportFile.Read(PathOf("a.json"))!.Kind);
        Assert.Equal(LoadRampFile.FileKind, ChaosReportFile.Read(PathOf("b.json"))!.Kind);
    }

    [Fact]
    public void Secrets_are_redacted_in_every_string_written()
    {
        var secret = "ghp_" + new string('a', 36);
        var report = Experiment with
        {
            Name = $"token {secret}",
            LostWrites = [new ChaosWriteEntry { Key = secret, Phase = "Fault", Problem = "not found" }],
            Violations = [$"lost {secret}"],
        };

        report.Write(PathOf("secret.json"));

        var text = File.ReadAllText(PathOf("secret.json"));
        Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
        Assert.Contains("\"lost_writes\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_json_in_the_folder_is_not_a_chaos_report()
    {
        File.WriteAllText(PathOf2("notes.json"), """{ "kind": "something_else" }""");
        File.WriteAllText(PathOf2("list.json"), "[1, 2]");

        Assert.Null(ChaosReportFile.Read(PathOf("notes.json")));
        Assert.Null(ChaosReportFile.Read(PathOf("list.json")));
    }

    [Fact]
    public void Missing_values_read_as_defaults_and_an_unreadable_time_as_null()
    {
        File.WriteAllText(PathOf2("bare.json"), """{ "kind": "chaos_experiment", "started_at": "yesterday" }""");

        var report = Assert.IsType<ChaosExperimentFile>(ChaosReportFile.Read(PathOf("bare.json")));

        Assert.Null(report.Name);
        Assert.Null(report.StartedAt);
        Assert.Null(report.Thresholds);
        Assert.Null(report.Passed);
        Assert.Empty(report.Phases);
        Assert.Equal(0, report.Operations);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string PathOf2(string name)
    {
        Directory.CreateDirectory(Path.Combine(_root, "chaos"));
        return PathOf(name);
    }
}
