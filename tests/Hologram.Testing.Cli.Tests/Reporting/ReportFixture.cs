using Hologram.Testing.Cli.Store;
using System.Globalization;
using System.Text;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Records;

namespace Hologram.Testing.Cli.Tests.Reporting;

/// <summary>
/// A temporary repository with every report source: a SQLite history store filled through the store API (five builds,
/// a retry flake, failures, a quarantine), perf records with a budget and a baseline, chaos reports and an E2E log.
/// Times are fixed so rendered output is stable.
/// </summary>
internal sealed class ReportFixture : IDisposable
{
    /// <summary>The fixed "now" of the report tests.</summary>
    public static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A token the redactor recognises; written raw into the chaos and E2E files.</summary>
    public static readonly string Secret = "ghp_" + "Zq8rT2mK9vL4xW7nB3cF6hJ1pD5sG0yA8eUo";

    private readonly CliRun repository = new();

    public string Root => repository.Root;

    public string Reports => Path.Combine(Root, "reports");

    public Dictionary<string, string?> Environment => repository.Environment;

    public string Out { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public TimeProvider Time { get; set; } = new FixedTime(Now);

    /// <summary>Wraps every file stream the tool writes (a full disk in the write-failure tests).</summary>
    public Func<Stream, Stream> FileStreams { get; set; } = static stream => stream;

    /// <summary>The SQLite store file.</summary>
    public string StoreFile => Path.Combine(Reports, "hologram.db");

    public static async Task<ReportFixture> CreateAsync(bool history = true, bool perf = true, bool chaos = true, bool e2e = true)
    {
        var fixture = new ReportFixture();
        fixture.repository.WriteConfig("""{ "Hologram": { "Profile": "main", "Budgets": { "verify": { "P95Ms": 8 }, "encode": { "P95Ms": 80 } } } }""");
        if (history)
        {
            await fixture.FillHistoryAsync();
        }

        if (perf)
        {
            fixture.WritePerf();
        }

        if (chaos)
        {
            fixture.WriteChaos();
        }

        if (e2e)
        {
            fixture.WriteE2E();
        }

        return fixture;
    }

    public int Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, Environment, Root) { History = HistoryBackend.Instance, Time = Time, FileStreams = FileStreams };
        var exitCode = new HologramCli(context).Run(args);
        Out = output.ToString().Replace("\r\n", "\n", StringComparison.Ordinal);
        Error = error.ToString();
        return exitCode;
    }

    /// <summary>Output with the temporary root replaced by <c>&lt;root&gt;</c>.</summary>
    public string Normalize(string text) => text.Replace(Root, "<root>", StringComparison.Ordinal);

    public void Dispose() => repository.Dispose();

    /// <summary>
    /// Adds a newest build whose one run never ended, as a killed test host leaves it: 3 tests passed, nothing failed,
    /// no end time.
    /// </summary>
    public async Task AddCrashedBuildAsync()
    {
        await using var store = await HistoryStores.OpenAsync("sqlite:" + StoreFile, Root);
        var started = Now.AddMinutes(-20);
        await store.BeginRunAsync(new RunInfo
        {
            RunId = "run-crashed", BuildId = "build-crashed", Commit = "dead0000beef", Branch = "main", Profile = "main", Host = "ci-runner-1",
            Framework = "xunit2", Assembly = "App.Tests", StartedAt = started, CiProvider = "github",
        });
        string[] passed = ["App.Tests.Payments.Charge", "App.Tests.Payments.Refund", "App.Tests.Search.Finds_by_tag"];
        await store.AppendAttemptsAsync(passed
            .Select(t => Attempt("run-crashed", t, 1, TestOutcome.Passed, true, started, 10, null)).ToList());
    }

    /// <summary>Damages the SQLite store: its header page (not a database any more) or every page after the first.</summary>
    public void CorruptStore(bool header)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(StoreFile);
        var random = new Random(16);
        var from = header ? 0 : 4096;
        var to = header ? 100 : bytes.Length;
        for (var i = from; i < to; i++)
        {
            bytes[i] = (byte)random.Next(256);
        }

        File.WriteAllBytes(StoreFile, bytes);
    }

    private async Task FillHistoryAsync()
    {
        await using var store = await HistoryStores.OpenAsync("sqlite:" + Path.Combine(Reports, "hologram.db"), Root);
        string[] tests = ["App.Tests.Payments.Charge", "App.Tests.Payments.Refund", "App.Tests.Search.Finds_by_tag", "App.Tests.Search.Ranks_exact_first", "App.Tests.Upload.Large_file", "App.Tests.Upload.Resumes"];
        for (var b = 0; b < 5; b++)
        {
            var started = Now.AddHours(-10 + (2 * b));
            var build = $"build-{b + 1}";
            for (var shard = 1; shard <= 2; shard++)
            {
                var runId = $"run-{b + 1}-{shard}";
                await store.BeginRunAsync(new RunInfo
                {
                    RunId = runId, BuildId = build, Commit = $"c0ffee{b}0000000000000000000000000000000{b}", Branch = "main", Profile = "main", Shard = $"{shard}/2",
                    Host = "ci-runner-1", Framework = "xunit2", Assembly = "App.Tests", StartedAt = started.AddSeconds(shard), CiProvider = "github",
                    CiUrl = "https://ci.example.test/runs/" + build,
                });
                var attempts = new List<TestAttempt>();
                foreach (var (test, i) in tests.Select((t, i) => (t, i)).Where(p => p.i % 2 == shard - 1))
                {
                    var outcome = TestOutcome.Passed;
                    if (test.EndsWith("Large_file", StringComparison.Ordinal))
                    {
                        outcome = TestOutcome.Skipped;
                    }

                    if (test.EndsWith("Refund", StringComparison.Ordinal) && b >= 3)
                    {
                        outcome = TestOutcome.Failed;
                    }

                    var flaky = test.EndsWith("Ranks_exact_first", StringComparison.Ordinal) && b is 1 or 4;
                    if (flaky)
                    {
                        attempts.Add(Attempt(runId, test, 1, TestOutcome.Failed, false, started, 40, "Timeout after 30 ms waiting for the index"));
                    }

                    var quarantined = test.EndsWith("Resumes", StringComparison.Ordinal) && b == 4;
                    attempts.Add(Attempt(runId, test, flaky ? 2 : 1, quarantined ? TestOutcome.Failed : outcome, true, started, 100 * (i + 1) + b,
                        outcome == TestOutcome.Failed ? "Assert.Equal() Failure\nExpected: 200\nActual:   502 (gateway sandbox)" : quarantined ? "connection reset by peer" : outcome == TestOutcome.Skipped ? "service UPLOAD_API is not configured" : null,
                        quarantined));
                }

                await store.AppendAttemptsAsync(attempts);
                await store.AddFlakesAsync(attempts.Where(a => a.Attempt == 2).Select(a => new FlakeEvent
                {
                    TestId = a.TestId, RunId = runId, Commit = $"c0ffee{b}", Kind = FlakeKind.PassedOnRetry, DetectedAt = started.AddMinutes(3), ErrorSignature = "Timeout after <n> ms",
                }).ToList());
                await store.EndRunAsync(runId, started.AddMinutes(4 + shard));
            }
        }

        await store.QuarantineAsync(new QuarantineEntry { TestId = "App.Tests.Upload.Resumes", Since = Now.AddHours(-30), Reason = "flaky upstream, issue #42", By = "alice", Manual = true });
        await store.QuarantineAsync(new QuarantineEntry { TestId = "App.Tests.Search.Ranks_exact_first", Since = Now.AddHours(-1.5), Reason = "2 flakes in 7 days", By = "policy" });
    }

    private static TestAttempt Attempt(string runId, string testId, int attempt, TestOutcome outcome, bool isFinal, DateTimeOffset started, double ms, string? message, bool quarantined = false) => new()
    {
        RunId = runId,
        TestId = testId,
        DisplayName = testId[(testId.LastIndexOf('.') + 1)..].Replace('_', ' '),
        ClassName = testId[..testId.LastIndexOf('.')],
        Categories = ["Unit"],
        Attempt = attempt,
        Outcome = outcome,
        DurationMs = ms,
        IsFinal = isFinal,
        Quarantined = quarantined,
        ErrorMessage = message,
        ErrorSignature = outcome == TestOutcome.Failed ? "sig-" + testId.Length.ToString(CultureInfo.InvariantCulture) : null,
        FinishedAt = started.AddSeconds(attempt * 10),
    };

    private void WritePerf()
    {
        var directory = Path.Combine(Reports, "perf");
        Directory.CreateDirectory(Path.Combine(directory, "samples"));
        foreach (var (name, baseMs) in new[] { ("verify", 6.0), ("encode", 70.0), ("lookup", 1.2) })
        {
            var csv = new StringBuilder(PerfCsvRow.Header + "\n");
            for (var i = 0; i < 8; i++)
            {
                var p95 = baseMs * (1 + (0.04 * i)) + (name == "encode" && i == 7 ? 20 : 0);
                var row = new PerfCsvRow(Now.AddHours(-8 + i), $"run-{i}", "main", "c0ffee" + i, PerfPhase.Warm, 100, p95 * 0.7, p95, p95 * 0.93, p95 * 1.08, p95 * 1.2, p95 * 0.75, 512, 0.99);
                csv.Append(row.ToLine()).Append('\n');
            }

            if (name == "lookup")
            {
                csv.Append(new PerfCsvRow(Now.AddHours(-1), "run-7", "main", "c0ffee7", PerfPhase.Cold, 20, 9, 14, 11, double.PositiveInfinity, 15, 9.5, 4096, 0.99).ToLine()).Append('\n');
            }

            File.WriteAllText(Path.Combine(directory, name + ".csv"), csv.ToString());
            var latestWarm = Record(name, PerfPhase.Warm, baseMs * 1.28 + (name == "encode" ? 20 : 0), Now.AddHours(-1));
            PerfJson.WriteAtomically(Path.Combine(directory, "samples", name + ".json"), latestWarm);
            if (name == "lookup")
            {
                PerfJson.WriteAtomically(Path.Combine(directory, "samples", name + ".cold.json"), Record(name, PerfPhase.Cold, 14, Now.AddHours(-1)));
            }
        }

        new PerfBaseline
        {
            Created = Now.AddDays(-1),
            Commit = "c0ffee0",
            Measurements = [Record("verify", PerfPhase.Warm, 6, Now.AddDays(-1)), Record("encode", PerfPhase.Warm, 70, Now.AddDays(-1))],
        }.Save(Path.Combine(directory, "baseline.json"));
    }

    private static PerfRecord Record(string name, PerfPhase phase, double p95, DateTimeOffset at)
    {
        var samples = Enumerable.Range(0, 200).Select(i => p95 * (0.6 + (0.4 * i / 199.0))).ToArray();
        return new PerfRecord
        {
            Name = name, Phase = phase, Profile = "main", Timestamp = at, Commit = "c0ffee", N = samples.Length, P50 = p95 * 0.8, P95 = p95,
            P95Lower = p95 * 0.97, P95Upper = p95 * 1.03, P99 = p95 * 1.01, Mean = p95 * 0.8, Level = 0.99, AllocatedBytesPerOperation = 512,
            Environment = EnvironmentFingerprint.Current, Samples = samples,
        };
    }

    private void WriteChaos()
    {
        var directory = Path.Combine(Reports, "chaos");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "store-kill.json"), """
            { "name": "store-kill", "kind": "chaos_experiment", "started_at": "2025-03-10T10:00:00.0000000+00:00", "duration_ms": 9321.4,
              "operations": 1421, "failures": 12, "success_rate": 0.991555,
              "phases": [ { "phase": "SteadyState", "operations": 724, "failures": 0, "success_rate": 1 },
                          { "phase": "Fault", "operations": 301, "failures": 12, "success_rate": 0.960133 },
                          { "phase": "Recovery", "operations": 96, "failures": 0, "success_rate": 1 },
                          { "phase": "AfterRecovery", "operations": 300, "failures": 0, "success_rate": 1 } ],
              "recovered": true, "recovery_ms": 1488.2, "acknowledged_writes": 1409, "lost_writes": [], "corrupted_writes": [],
              "thresholds": { "min_success_rate": 0.95, "max_recovery_ms": 30000, "max_lost_writes": 0 }, "violations": [], "passed": true }
            """);
        File.WriteAllText(Path.Combine(directory, "market-partition.json"), $$"""
            { "name": "market-partition", "kind": "chaos_experiment", "started_at": "2025-03-10T10:30:00.0000000+00:00", "duration_ms": 12000,
              "operations": 800, "failures": 96, "success_rate": 0.88,
              "phases": [ { "phase": "SteadyState", "operations": 400, "failures": 0, "success_rate": 1 },
                          { "phase": "Fault", "operations": 200, "failures": 96, "success_rate": 0.52 },
                          { "phase": "Recovery", "operations": 0, "failures": 0, "success_rate": 1 },
                          { "phase": "AfterRecovery", "operations": 200, "failures": 0, "success_rate": 1 } ],
              "recovered": true, "recovery_ms": 4200, "acknowledged_writes": 700,
              "lost_writes": [ { "key": "listing-17", "phase": "Fault", "problem": "not found" } ], "corrupted_writes": [],
              "thresholds": { "min_success_rate": 0.95, "max_recovery_ms": 30000, "max_lost_writes": 0 },
              "violations": [ "success rate 88.00% is not above 95.00% (96 of 800 operations failed)", "1 lost and 0 corrupted of 700 acknowledged writes (allowed 0): listing-17 (not found, acknowledged in Fault) token {{Secret}}" ],
              "passed": false }
            """);
        File.WriteAllText(Path.Combine(directory, "search-ramp.json"), """
            { "name": "search-ramp", "kind": "load_ramp", "steps": [
                { "concurrency": 1, "requests": 200, "errors": 0, "error_rate": 0, "elapsed_ms": 900, "throughput_per_s": 222.2, "p50_ms": 4.1, "p95_ms": 6.3, "p99_ms": 8 },
                { "concurrency": 2, "requests": 400, "errors": 0, "error_rate": 0, "elapsed_ms": 1000, "throughput_per_s": 400, "p50_ms": 4.5, "p95_ms": 7.1, "p99_ms": 9 },
                { "concurrency": 4, "requests": 500, "errors": 0, "error_rate": 0, "elapsed_ms": 800, "throughput_per_s": 625, "p50_ms": 5.9, "p95_ms": 9.8, "p99_ms": 12 },
                { "concurrency": 8, "requests": 500, "errors": 10, "error_rate": 0.02, "elapsed_ms": 760, "throughput_per_s": 657.9, "p50_ms": 11.2, "p95_ms": 24.5, "p99_ms": 40 } ],
              "knee_concurrency": 4, "knee_reason": "concurrency 8 adds 5% throughput (< 10%) and fails 2.0% (> 1%)" }
            """);
        File.WriteAllText(Path.Combine(directory, "notes.json"), """{ "kind": "something_else" }""");
    }

    private void WriteE2E()
    {
        var directory = Path.Combine(Reports, "e2e");
        Directory.CreateDirectory(directory);
        var lines = new[]
        {
            """{"ts":"2025-03-10T09:00:00.000Z","run_id":"e2e-run-1","test":"Pipeline.Publish","step":"add","status":"pass","duration_ms":80.5,"data":{"cid":"bafkreiaaaa"}}""",
            """{"ts":"2025-03-10T09:00:01.000Z","run_id":"e2e-run-1","test":"Pipeline.Publish","step":"publish","status":"pass","duration_ms":170.1,"data":{}}""",
            """{"ts":"2025-03-10T11:00:00.000Z","run_id":"e2e-run-2","test":"Pipeline.Publish","step":"add","status":"pass","duration_ms":82.5,"data":{"cid":"bafkreibbbb"}}""",
            """{"ts":"2025-03-10T11:00:01.000Z","run_id":"e2e-run-2","test":"Pipeline.Publish","step":"publish","status":"pass","duration_ms":181.9,"data":{"listing":"7"}}""",
            $$$"""{"ts":"2025-03-10T11:00:02.000Z","run_id":"e2e-run-2","test":"Pipeline.Publish","step":"search","status":"fail","duration_ms":25.0,"data":{"error":"HttpRequestException: 503 (Service Unavailable) auth {{{Secret}}}"}}""",
            """{"ts":"2025-03-10T11:00:03.000Z","run_id":"e2e-run-2","test":"Pipeline.Resolve","step":"resolve","status":"skip","duration_ms":null,"data":{"reason":"service GRAPHQL_URL is not configured"}}""",
        };
        File.WriteAllText(Path.Combine(directory, "events.jsonl"), string.Join("\n", lines) + "\n");
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
