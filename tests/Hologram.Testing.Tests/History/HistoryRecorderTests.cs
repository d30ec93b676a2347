using Hologram.Testing.History;
using Microsoft.Data.Sqlite;
using static Hologram.Testing.Tests.History.HistoryTestData;
using Hologram.Testing.History.Spool;

namespace Hologram.Testing.Tests.History;

public sealed class HistoryRecorderTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hologram-recorder-" + Guid.NewGuid().ToString("N"));

    public HistoryRecorderTests() => Directory.CreateDirectory(root);

    private HologramOptions Options(string? store = null) => new()
    {
        RepositoryRoot = root,
        ReportsDir = Path.Combine(root, "reports"),
        Store = store ?? "sqlite:reports/hologram.db",
    };

    private string SpoolDir => Path.Combine(root, "reports", "spool");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task Records_every_attempt_and_deletes_the_journal_at_the_end()
    {
        var warnings = new List<string>();
        var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-1"), warnings.Add);
        Assert.NotNull(recorder.Store);
        Assert.True(File.Exists(recorder.JournalPath));
        Parallel.For(0, 1000, i => recorder.Record(Attempt("run-1", "T." + i)));
        recorder.RecordFlake(new FlakeEvent { TestId = "T.1", RunId = "run-1", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0 });
        await recorder.FlushAsync();
        await recorder.DisposeAsync();

        Assert.Empty(warnings);
        Assert.False(File.Exists(recorder.JournalPath));
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        Assert.Equal(1000, (await store.GetAttemptsAsync("run-1")).Count);
        Assert.Single(await store.GetFlakesAsync(T0.AddDays(-1)));
        Assert.NotNull(Assert.Single(await store.GetRunsAsync(5)).EndedAt);
    }

    [Fact]
    public async Task Attempts_reach_the_store_in_full_batches_during_the_run_and_the_rest_when_it_ends()
    {
        var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-1"), _ => { });
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var batch = HistoryRecorder.StoreBatchSize;
        for (var i = 0; i < batch; i++)
        {
            recorder.Record(Attempt("run-1", $"T.{i:D6}"));
        }

        // A full batch is written while the run goes on, without a flush and in one piece.
        var stored = 0;
        for (var wait = System.Diagnostics.Stopwatch.StartNew(); wait.Elapsed < TimeSpan.FromSeconds(60) && stored < batch; await Task.Delay(50))
        {
            stored = (await store.GetAttemptsAsync("run-1")).Count;
        }

        Assert.Equal(batch, stored);

        // Fewer than a batch wait for the end of the run (the journal has them at once).
        for (var i = batch; i < batch + 10; i++)
        {
            recorder.Record(Attempt("run-1", $"T.{i:D6}"));
        }

        await Task.Delay(1500);
        Assert.Equal(batch, (await store.GetAttemptsAsync("run-1")).Count);
        Assert.Equal(batch + 10, File.ReadLines(recorder.JournalPath).Count(l => l.Contains("\"attempt\":{", StringComparison.Ordinal)));

        await recorder.DisposeAsync();
        Assert.Equal(batch + 10, (await store.GetAttemptsAsync("run-1")).Count);
        Assert.False(File.Exists(recorder.JournalPath));
    }

    [Fact]
    public async Task Messages_and_names_are_redacted_before_they_are_recorded()
    {
        const string Connection = "Host=db.internal;Username=ci;Password=Tr0ub4dor&3xyz";
        await using (var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-r")))
        {
            recorder.Record(Attempt("run-r", "T.A", outcome: TestOutcome.Failed) with
            {
                ErrorMessage = $"could not connect with '{Connection}'",
                DisplayName = "T.A(url: \"https://deploy:Sup3rS3cret!@ci.example.org/hook\")",
            });
        }

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var stored = Assert.Single(await store.GetAttemptsAsync("run-r"));
        Assert.DoesNotContain("Tr0ub4dor", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Host=db.internal", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", stored.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Sup3rS3cret", stored.DisplayName, StringComparison.Ordinal);
        Assert.Contains("ci.example.org", stored.DisplayName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_display_name_that_reads_as_its_adapter_made_test_id_is_recorded_redacted_like_the_id()
    {
        // Adapters make ids with TestIds.Create, which redacts the arguments; the row's display name is the same text.
        var id = Hologram.Testing.Sdk.TestIds.Create("T", "A", "(url: \"https://deploy:Sup3rS3cret!@ci.example.org/hook\")");
        var display = Hologram.Testing.Sdk.TestIds.Create("T", "A", "(url: \"https://deploy:Sup3rS3cret!@ci.example.org/hook\")");
        await using (var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-d")))
        {
            recorder.Record(Attempt("run-d", id) with { DisplayName = display });
            recorder.Record(Attempt("run-d", "T.B") with { DisplayName = "T.B(url: \"https://deploy:Sup3rS3cret!@ci.example.org/hook\")" });
        }

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var stored = (await store.GetAttemptsAsync("run-d")).ToDictionary(a => a.TestId == id ? "A" : "B");
        Assert.Equal(id, stored["A"].DisplayName);
        Assert.All(stored.Values, a => Assert.DoesNotContain("Sup3rS3cret", a.DisplayName, StringComparison.Ordinal));
        Assert.All(stored.Values, a => Assert.Contains("ci.example.org", a.DisplayName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unusable_store_at_start_spools_with_one_warning_and_the_next_run_ingests_it()
    {
        await File.WriteAllTextAsync(Path.Combine(root, "not-a-db"), "plain text");
        var warnings = new List<string>();
        await using (var recorder = await HistoryRecorder.StartAsync(Options("sqlite:not-a-db"), Run("run-1"), warnings.Add))
        {
            Assert.Null(recorder.Store);
            for (var i = 0; i < 600; i++)
            {
                recorder.Record(Attempt("run-1", "T." + i));
            }

            await recorder.FlushAsync();
        }

        var warning = Assert.Single(warnings);
        Assert.StartsWith("hologram: history store sqlite:" + Path.Combine(root, "not-a-db") + " unavailable (", warning, StringComparison.Ordinal);
        Assert.EndsWith("results spooled to " + Path.Combine("reports", "spool", "run-1.jsonl"), warning, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(SpoolDir, "run-1.jsonl")));

        // The next run, with a working store, loads the spool first.
        await using (var next = await HistoryRecorder.StartAsync(Options(), Run("run-2")))
        {
            Assert.False(File.Exists(Path.Combine(SpoolDir, "run-1.jsonl")));
        }

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        Assert.Equal(600, (await store.GetAttemptsAsync("run-1")).Count);
        Assert.Equal(2, (await store.GetRunsAsync(5)).Count(r => r.EndedAt is not null));
    }

    [Fact]
    public async Task Store_failing_mid_run_loses_nothing_and_ingest_loads_each_record_once()
    {
        var inner = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        await using var _ = inner;
        var failing = new FailingHistoryStore(inner);
        var warnings = new List<string>();
        var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-1"), warnings.Add, _ => Task.FromResult<IHistoryStore>(failing), TimeProvider.System, default);
        for (var i = 0; i < 300; i++)
        {
            recorder.Record(Attempt("run-1", "T." + i));
        }

        await recorder.FlushAsync();
        Assert.Equal(300, (await inner.GetAttemptsAsync("run-1")).Count);

        failing.Broken = true;
        for (var i = 300; i < 1000; i++)
        {
            recorder.Record(Attempt("run-1", "T." + i));
            if (i % 100 == 0)
            {
                await recorder.FlushAsync();
            }
        }

        recorder.RecordFlake(new FlakeEvent { TestId = "T.5", RunId = "run-1", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0 });
        await recorder.DisposeAsync();

        var warning = Assert.Single(warnings);
        Assert.Contains(" failed (", warning, StringComparison.Ordinal);
        Assert.Contains("results spooled to", warning, StringComparison.Ordinal);
        var journal = Path.Combine(SpoolDir, "run-1.jsonl");
        Assert.True(File.Exists(journal));
        Assert.Equal(300, (await inner.GetAttemptsAsync("run-1")).Count);

        // Simulate a crash mid-write of one more line: the truncated tail is ignored.
        await File.AppendAllTextAsync(journal, "{\"type\":\"attempt\",\"attempt\":{\"runId\":\"run-1\",\"testId\":\"T.x");

        var first = await SpoolIngestor.IngestAsync(inner, SpoolDir);
        Assert.Equal((1, 1000, 1, 1), (first.Files, first.Attempts, first.Flakes, first.UnreadableLines));
        var second = await SpoolIngestor.IngestAsync(inner, SpoolDir);
        Assert.Equal(0, second.Files);

        var stored = await inner.GetAttemptsAsync("run-1");
        Assert.Equal(1000, stored.Count);
        Assert.Equal(1000, stored.Select(a => a.TestId).Distinct().Count());
        Assert.Single(await inner.GetFlakesAsync(T0.AddDays(-1)));
        Assert.NotNull(Assert.Single(await inner.GetRunsAsync(5)).EndedAt);
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public async Task Results_that_collide_under_one_test_id_are_kept_aside_with_one_warning()
    {
        var warnings = new List<string>();
        var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-1"), warnings.Add);
        for (var i = 0; i < 5; i++)
        {
            recorder.Record(Attempt("run-1", "Ns.C.M" + i, outcome: TestOutcome.Failed));
        }

        await recorder.FlushAsync();
        var colliding = new[]
        {
            Attempt("run-1", "Ns.C.M1"),
            Attempt("run-1", "Ns.C.M3") with { DurationMs = 40 },
            Attempt("run-1", "Ns.C.M4", outcome: TestOutcome.Failed) with { ErrorMessage = "another row" },
        };
        foreach (var attempt in colliding)
        {
            recorder.Record(attempt);
        }

        recorder.Record(Attempt("run-1", "Ns.C.M0", outcome: TestOutcome.Failed)); // the same result again: not a collision
        await recorder.FlushAsync();
        recorder.Record(Attempt("run-1", "Ns.C.M2") with { FinishedAt = T0.AddHours(1) });
        await recorder.DisposeAsync();

        var collisions = Path.Combine("reports", "spool", "collisions", "run-1.jsonl");
        Assert.Equal(
            $"hologram: 4 results of run run-1 collided with an earlier result under the same test id (first: Ns.C.M1); they are kept in {collisions}",
            Assert.Single(warnings));
        var kept = File.ReadAllLines(Path.Combine(root, collisions))
            .Select(l => System.Text.Json.JsonSerializer.Deserialize<SpoolRecord>(l, Hologram.Testing.History.Storage.HistoryJson.Options)!.Attempt!)
            .ToList();
        Assert.All(kept, a => Assert.Equal(["fast", "unit"], a.Categories));
        Assert.Equal(
            [.. colliding.Select(a => a with { Categories = [] }), Attempt("run-1", "Ns.C.M2") with { FinishedAt = T0.AddHours(1), Categories = [] }],
            kept.Select(a => a with { Categories = [] }));
        Assert.False(File.Exists(recorder.JournalPath));
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var stored = await store.GetAttemptsAsync("run-1");
        Assert.Equal(5, stored.Count);
        Assert.All(stored, a => Assert.Equal(TestOutcome.Failed, a.Outcome));

        // The spool ingest keeps what collides, too; a journal replayed again (same results) adds nothing.
        var spool = Path.Combine(SpoolDir, "run-2.jsonl");
        using (var writer = SpoolWriter.Open(spool))
        {
            writer.WriteRun(Run("run-2"));
            writer.WriteAttempt(Attempt("run-2", "Ns.C.M0"));
            writer.WriteAttempt(Attempt("run-2", "Ns.C.M0", outcome: TestOutcome.Failed));
        }

        File.Copy(spool, spool + ".copy");
        var ingest = await SpoolIngestor.IngestAsync(store, SpoolDir);
        Assert.Equal(1, ingest.Collisions);
        Assert.Equal([Path.Combine(SpoolDir, "collisions", "run-2.jsonl")], ingest.CollisionFiles);
        File.Move(spool + ".copy", spool);
        var again = await SpoolIngestor.IngestAsync(store, SpoolDir);
        Assert.Equal((1, 1), (again.Files, again.Collisions)); // the second row collides with the stored first, again
        Assert.Equal(2, File.ReadAllLines(Path.Combine(SpoolDir, "collisions", "run-2.jsonl")).Length);
        Assert.Single(await store.GetAttemptsAsync("run-2"));
    }

    [Fact]
    public async Task Ingest_skips_a_spool_file_a_writer_still_holds()
    {
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        using (var writer = SpoolWriter.Open(Path.Combine(SpoolDir, "busy.jsonl")))
        {
            writer.WriteRun(Run("busy"));
            writer.WriteAttempt(Attempt("busy", "T.A"));
            var result = await SpoolIngestor.IngestAsync(store, SpoolDir);
            Assert.Equal((0, 1), (result.Files, result.FilesInUse));
            Assert.Empty(await store.GetAttemptsAsync("busy"));
        }

        Assert.Equal(1, (await SpoolIngestor.IngestAsync(store, SpoolDir)).Files);
        Assert.Single(await store.GetAttemptsAsync("busy"));
    }

    [PostgresFact]
    public async Task Postgres_schema_dropped_mid_run_loses_nothing_after_ingest()
    {
        var (connectionString, schema) = await PostgresTestServer.CreateSchemaAsync();
        try
        {
            var warnings = new List<string>();
            var recorder = await HistoryRecorder.StartAsync(Options(connectionString), Run("pg-run"), warnings.Add);
            Assert.NotNull(recorder.Store);
            for (var i = 0; i < 100; i++)
            {
                recorder.Record(Attempt("pg-run", "T." + i));
            }

            await recorder.FlushAsync();
            await PostgresTestServer.DropSchemaAsync(schema);
            for (var i = 100; i < 500; i++)
            {
                recorder.Record(Attempt("pg-run", "T." + i));
            }

            await recorder.DisposeAsync();
            Assert.Single(warnings);

            (connectionString, schema) = await PostgresTestServer.CreateSchemaAsync();
            await using var store = await HistoryStores.OpenAsync(connectionString, root);
            Assert.Equal(1, (await SpoolIngestor.IngestAsync(store, SpoolDir)).Files);
            Assert.Equal(0, (await SpoolIngestor.IngestAsync(store, SpoolDir)).Files);
            Assert.Equal(500, (await store.GetAttemptsAsync("pg-run")).Count);
        }
        finally
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Perf_measurements_reach_the_store_with_the_run_and_keep_infinite_bounds()
    {
        var warnings = new List<string>();
        await using (var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-p"), warnings.Add))
        {
            recorder.RecordPerf(Perf("run-p", "verify", 8) with { P95UpperMs = double.PositiveInfinity });
            recorder.RecordPerf(Perf("run-p", "verify", 30, phase: "cold"));
        }

        Assert.Empty(warnings);
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var stored = await store.GetPerfAsync(T0.AddDays(-1));
        Assert.Equal(2, stored.Count);
        Assert.True(double.IsPositiveInfinity(stored.Single(p => p.Phase == "warm").P95UpperMs));
        Assert.Equal(30, stored.Single(p => p.Phase == "cold").P95Ms);
    }

    [Fact]
    public async Task Perf_measurements_taken_while_the_store_is_down_are_spooled_and_loaded_exactly_once()
    {
        var inner = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        await using var _ = inner;
        var failing = new FailingHistoryStore(inner) { Broken = true };
        var warnings = new List<string>();
        var recorder = await HistoryRecorder.StartAsync(Options(), Run("run-1"), warnings.Add, _ => Task.FromResult<IHistoryStore>(failing), TimeProvider.System, default);
        recorder.Record(Attempt("run-1", "T.1"));
        for (var i = 0; i < 5; i++)
        {
            recorder.RecordPerf(Perf("run-1", "m" + i, 1 + i) with { P95LowerMs = double.NegativeInfinity });
        }

        await recorder.DisposeAsync();
        Assert.EndsWith("results spooled to " + Path.Combine("reports", "spool", "run-1.jsonl"), Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Empty(await inner.GetPerfAsync(T0.AddDays(-1)));
        var journal = Path.Combine(SpoolDir, "run-1.jsonl");
        Assert.Equal(5, File.ReadLines(journal).Count(l => l.StartsWith("{\"type\":\"perf\"", StringComparison.Ordinal)));

        // The spool is replayed twice (an ingest interrupted after loading, before deleting): still one row each.
        var copy = File.ReadAllText(journal);
        var first = await SpoolIngestor.IngestAsync(inner, SpoolDir);
        Assert.Equal(5, first.PerfMeasurements);
        File.WriteAllText(journal, copy);
        await SpoolIngestor.IngestAsync(inner, SpoolDir);
        var stored = await inner.GetPerfAsync(T0.AddDays(-1));
        Assert.Equal(["m0", "m1", "m2", "m3", "m4"], stored.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(stored, p => Assert.True(double.IsNegativeInfinity(p.P95LowerMs)));
        Assert.False(File.Exists(journal));
    }

    [Fact]
    public async Task A_perf_record_without_its_name_is_set_aside_and_the_rest_is_loaded()
    {
        Directory.CreateDirectory(SpoolDir);
        var file = Path.Combine(SpoolDir, "run-x.jsonl");
        using (var writer = SpoolWriter.Open(file))
        {
            writer.WriteRun(Run("run-x"));
            writer.WritePerf(Perf("run-x", "ok", 3));
            writer.WritePerf(Perf("run-x", " ", 3));
        }

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var result = await SpoolIngestor.IngestAsync(store, SpoolDir);
        Assert.Equal(1, result.PerfMeasurements);
        Assert.Equal(1, result.Rejected);
        Assert.Contains("perf measurement without name", File.ReadAllText(Assert.Single(result.RejectedFiles)), StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(await store.GetPerfAsync(T0.AddDays(-1))).Name);
    }
}
