using Hologram.Testing.History;
using Hologram.Testing.History.Spool;

namespace Hologram.Testing.Cli.Tests.Store;

public sealed class FlakeStoreTests
{
    [Fact]
    public void An_unreachable_store_is_one_line_naming_it()
    {
        using var cli = new FlakeCli();
        cli.Backend.OpenFailure = new HistoryStoreException("History store postgresql://ci@db:5432/hologram is unreachable (Connection refused).");

        Assert.Equal(2, cli.Run("flake", "report"));

        cli.AssertOneErrorLine("hologram: History store postgresql://ci@db:5432/hologram is unreachable (Connection refused).");
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void A_store_failing_mid_command_is_one_line_and_the_store_is_closed()
    {
        using var cli = new FlakeCli();
        cli.Store.FailWith = new TimeoutException("The operation has timed out.\n   at Some.Frame()");

        Assert.Equal(2, cli.Run("flake", "report"));

        cli.AssertOneErrorLine("history store sqlite:/repo/reports/hologram.db failed: The operation has timed out.");
        Assert.Equal(1, cli.Store.Disposals);
    }

    [Fact]
    public void A_real_unreachable_PostgreSQL_server_is_named_without_its_password()
    {
        using var cli = new FlakeCli { UseRealStore = true };
        cli.Environment["HOLOGRAM_STORE"] = "postgres://ci:s3cret@127.0.0.1:1/hologram";

        Assert.Equal(2, cli.Run("flake", "report"));

        cli.AssertOneErrorLine("127.0.0.1:1/hologram");
        Assert.DoesNotContain("s3cret", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_store_setting_is_one_line()
    {
        using var cli = new FlakeCli { UseRealStore = true };
        cli.Environment["HOLOGRAM_STORE"] = "mysql://root:pw@db/x";

        Assert.Equal(2, cli.Run("flake", "report"));

        cli.AssertOneErrorLine("is neither 'sqlite:<path>' nor a PostgreSQL connection string");
        Assert.DoesNotContain("(Parameter", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_foreign_SQLite_file_is_one_line_naming_the_file()
    {
        using var cli = new FlakeCli { UseRealStore = true };
        var file = Path.Combine(cli.Root, "reports", "hologram.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, "this is not a database, just some text that happens to be long enough to look like a file header");

        Assert.Equal(2, cli.Run("flake", "report"));

        cli.AssertOneErrorLine(file);
    }

    [Fact]
    public async Task Commands_work_against_a_real_SQLite_file()
    {
        using var cli = new FlakeCli { UseRealStore = true };
        await using (var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", cli.Root))
        {
            await SeedAsync(store, DateTimeOffset.UtcNow);
        }

        Assert.Equal(0, cli.Run("flake", "report", "--format", "markdown"));
        Assert.Contains("| `Ns.C.Flaky` | 2 | 0 | 1 | 50.0% |", cli.Out, StringComparison.Ordinal);
        Assert.Contains("| `Ns.C.Broken(x: 1)` | 2 | 1 | 0 | 0.0% |", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "last"));
        Assert.Equal("FullyQualifiedName=Ns.C.Broken\n", cli.Out);

        Assert.Equal(0, cli.Run("flake", "impact", "Ns.C.Broken(x: 1)"));
        Assert.Contains("  failed runs:  1 of 2", cli.OutLines);
        Assert.Contains("  branches:     1 (main)", cli.OutLines);

        Assert.Equal(0, cli.Run("flake", "quarantine", "Ns.C.*", "--reason", "investigating"));
        Assert.Equal("2 tests quarantined by alice until released with 'hologram flake unquarantine': investigating", cli.OutLines[^1]);
        Assert.Equal(0, cli.Run("flake", "unquarantine", "Ns.C.Flaky"));

        Assert.Equal(0, cli.Run("flake", "export"));
        var quarantined = File.ReadAllText(Path.Combine(cli.Root, "reports", "quarantined_tests.json"));
        Assert.Contains("Ns.C.Broken(x: 1)", quarantined, StringComparison.Ordinal);
        Assert.DoesNotContain("Ns.C.Flaky", quarantined, StringComparison.Ordinal);
        Assert.Contains("\"runId\": \"run-2\"", File.ReadAllText(Path.Combine(cli.Root, "reports", "flake_database.json")), StringComparison.Ordinal);

        await using var check = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", cli.Root);
        var audit = await check.GetAuditAsync("Ns.C.Flaky");
        Assert.Equal(["quarantined", "released"], audit.Select(a => a.Action));
        Assert.Equal("released manually", audit[1].Reason);
    }

    [Fact]
    public void Ingest_loads_real_spool_files_exactly_once()
    {
        using var cli = new FlakeCli { UseRealStore = true };
        var spool = Path.Combine(cli.Root, "reports", "spool");
        Directory.CreateDirectory(spool);
        var started = DateTimeOffset.UtcNow.AddMinutes(-5);
        using (var writer = SpoolWriter.Open(Path.Combine(spool, "run-s.jsonl")))
        {
            writer.WriteRun(new RunInfo
            {
                RunId = "run-s", Commit = "c9", Branch = "main", Profile = "pr", Host = "ci", Framework = "xunit2", Assembly = "App.Tests", StartedAt = started,
            });
            writer.WriteAttempt(Attempt("run-s", "Ns.S.Fails", 1, TestOutcome.Failed, isFinal: true, started.AddMinutes(1)));
            writer.WriteAttempt(Attempt("run-s", "Ns.S.Passes", 1, TestOutcome.Passed, isFinal: true, started.AddMinutes(1)));
            writer.WriteEnd("run-s", started.AddMinutes(2));
            writer.Sync();
        }

        Assert.Equal(0, cli.Run("flake", "ingest"));
        Assert.StartsWith("Loaded 1 spool file (1 run, 2 attempts, 0 flake events) from ", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("flake", "ingest"));
        Assert.StartsWith("Loaded 0 spool files (0 runs, 0 attempts, 0 flake events) from ", cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("flake", "failed", "--run", "run-s"));
        Assert.Equal("FullyQualifiedName=Ns.S.Fails\n", cli.Out);
    }

    private static async Task SeedAsync(IHistoryStore store, DateTimeOffset now)
    {
        for (var i = 1; i <= 2; i++)
        {
            var run = new RunInfo
            {
                RunId = $"run-{i}", Commit = $"c{i}", Branch = "main", Profile = "pr", Host = "ci", Framework = "xunit2",
                Assembly = "App.Tests", StartedAt = now.AddHours(-3 + i),
            };
            await store.BeginRunAsync(run);
            var finished = run.StartedAt.AddMinutes(1);
            List<TestAttempt> attempts =
            [
                Attempt(run.RunId, "Ns.C.Flaky", 1, i == 2 ? TestOutcome.Failed : TestOutcome.Passed, isFinal: i == 1, finished),
                Attempt(run.RunId, "Ns.C.Broken(x: 1)", 1, i == 2 ? TestOutcome.Failed : TestOutcome.Passed, isFinal: true, finished),
            ];
            if (i == 2)
            {
                attempts.Add(Attempt(run.RunId, "Ns.C.Flaky", 2, TestOutcome.Passed, isFinal: true, finished));
                await store.AddFlakesAsync([new FlakeEvent { TestId = "Ns.C.Flaky", RunId = run.RunId, Commit = run.Commit, Kind = FlakeKind.PassedOnRetry, DetectedAt = finished }]);
            }

            await store.AppendAttemptsAsync(attempts);
            await store.EndRunAsync(run.RunId, finished.AddMinutes(1));
        }
    }

    private static TestAttempt Attempt(string runId, string testId, int attempt, TestOutcome outcome, bool isFinal, DateTimeOffset finished) => new()
    {
        RunId = runId, TestId = testId, DisplayName = testId, ClassName = "Ns.C", Attempt = attempt, Outcome = outcome, DurationMs = 3,
        IsFinal = isFinal, FinishedAt = finished,
        ErrorMessage = outcome == TestOutcome.Failed ? "Expected 1" : null, ErrorSignature = outcome == TestOutcome.Failed ? "Assert.Equal() Failure" : null,
    };
}
