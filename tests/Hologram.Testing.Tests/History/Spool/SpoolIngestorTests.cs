using System.Text.Json;
using Hologram.Testing.History;
using Hologram.Testing.History.Spool;
using Microsoft.Data.Sqlite;
using static Hologram.Testing.Tests.History.HistoryTestData;

namespace Hologram.Testing.Tests.History.Spool;

/// <summary>A spool line the store cannot take is set aside with its reason; it never blocks the lines and files after it.</summary>
public sealed class SpoolIngestorTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hologram-spool-" + Guid.NewGuid().ToString("N"));

    public SpoolIngestorTests() => Directory.CreateDirectory(SpoolDir);

    private string SpoolDir => Path.Combine(root, "reports", "spool");

    private string RejectedDir => Path.Combine(SpoolDir, SpoolIngestor.RejectedDirectoryName);

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
    public async Task A_null_test_id_is_set_aside_and_every_valid_record_and_later_file_loads()
    {
        WriteSpool("a-run.jsonl", "run-a", 10, poisonAt: 4);
        WriteSpool("b-run.jsonl", "run-b", 5);

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var result = await SpoolIngestor.IngestAsync(store, SpoolDir);

        Assert.Equal((2, 2, 15, 1, 0), (result.Files, result.Runs, result.Attempts, result.Rejected, result.UnreadableLines));
        Assert.Equal(10, (await store.GetAttemptsAsync("run-a")).Count);
        Assert.Equal(5, (await store.GetAttemptsAsync("run-b")).Count);
        Assert.Empty(Directory.GetFiles(SpoolDir, "*.jsonl"));

        var side = Assert.Single(result.RejectedFiles);
        Assert.Equal(Path.Combine(RejectedDir, "a-run.jsonl"), side);
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(side)));
        Assert.Equal(6, line.RootElement.GetProperty("line").GetInt32());
        Assert.Equal("attempt without testId", line.RootElement.GetProperty("reason").GetString());
        Assert.Contains("\"testId\":null", line.RootElement.GetProperty("record").GetString(), StringComparison.Ordinal);

        // The side file is not a spool file: a second ingest loads nothing and does not read it again.
        Assert.Equal(0, (await SpoolIngestor.IngestAsync(store, SpoolDir)).Files);
    }

    [Theory]
    [InlineData("{\"type\":\"attempt\",\"attempt\":{\"runId\":\"r\",\"testId\":\"\",\"displayName\":\"d\",\"className\":\"c\",\"attempt\":1,\"outcome\":\"passed\",\"durationMs\":1,\"isFinal\":true,\"finishedAt\":\"2025-03-01T12:00:00Z\"}}", "attempt without testId")]
    [InlineData("{\"type\":\"attempt\",\"attempt\":{\"runId\":\"r\",\"testId\":\"T\",\"displayName\":null,\"className\":\"c\",\"attempt\":1,\"outcome\":\"passed\",\"durationMs\":1,\"isFinal\":true,\"finishedAt\":\"2025-03-01T12:00:00Z\"}}", "attempt of T has no displayName")]
    [InlineData("{\"type\":\"attempt\",\"attempt\":{\"runId\":\"r\",\"testId\":\"T\",\"displayName\":\"d\",\"className\":\"c\",\"attempt\":0,\"outcome\":\"passed\",\"durationMs\":1,\"isFinal\":true,\"finishedAt\":\"2025-03-01T12:00:00Z\"}}", "attempt of T has attempt number 0 (must be 1 or more)")]
    [InlineData("{\"type\":\"attempt\",\"attempt\":{\"runId\":\"r\",\"testId\":\"T\",\"displayName\":\"d\",\"className\":\"c\",\"attempt\":1,\"outcome\":9,\"durationMs\":1,\"isFinal\":true,\"finishedAt\":\"2025-03-01T12:00:00Z\"}}", "attempt of T has an unknown outcome")]
    [InlineData("{\"type\":\"attempt\",\"attempt\":{\"runId\":\"r\",\"testId\":\"T\",\"displayName\":\"d\",\"className\":\"c\",\"categories\":[null],\"attempt\":1,\"outcome\":\"passed\",\"durationMs\":1,\"isFinal\":true,\"finishedAt\":\"2025-03-01T12:00:00Z\"}}", "attempt of T has a null category")]
    [InlineData("{\"type\":\"run\",\"run\":{\"runId\":null,\"profile\":\"ci\",\"host\":\"h\",\"framework\":\"f\",\"assembly\":\"a\",\"startedAt\":\"2025-03-01T12:00:00Z\"}}", "run without runId")]
    [InlineData("{\"type\":\"flake\",\"flake\":{\"testId\":null,\"runId\":\"r\",\"kind\":\"passedOnRetry\",\"detectedAt\":\"2025-03-01T12:00:00Z\"}}", "flake event without testId")]
    [InlineData("{\"type\":\"end\",\"runId\":\"r\"}", "an end record without endedAt")]
    [InlineData("{\"type\":\"attempt\"}", "an attempt record without its attempt")]
    [InlineData("{\"type\":\"bogus\"}", "unknown record type 'bogus'")]
    public async Task Each_kind_of_invalid_record_is_set_aside_with_its_reason(string poison, string reason)
    {
        WriteSpool("a.jsonl", "run-a", 3);
        File.AppendAllText(Path.Combine(SpoolDir, "a.jsonl"), poison + "\n");

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var result = await SpoolIngestor.IngestAsync(store, SpoolDir);

        Assert.Equal((1, 3, 1), (result.Files, result.Attempts, result.Rejected));
        Assert.Equal(3, (await store.GetAttemptsAsync("run-a")).Count);
        using var line = JsonDocument.Parse(Assert.Single(File.ReadAllLines(Path.Combine(RejectedDir, "a.jsonl"))));
        Assert.Equal(reason, line.RootElement.GetProperty("reason").GetString());
        Assert.Equal(poison, line.RootElement.GetProperty("record").GetString());
    }

    [Fact]
    public async Task Damaged_lines_are_kept_aside_not_dropped()
    {
        WriteSpool("a.jsonl", "run-a", 3);
        File.AppendAllText(Path.Combine(SpoolDir, "a.jsonl"), "\u0001\u0002 not json\n{\"type\":\"attempt\",\"attempt\":{\"runId\":\"run-a\",\"testId\":\"T.x");

        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var result = await SpoolIngestor.IngestAsync(store, SpoolDir);

        Assert.Equal((1, 3, 0, 2), (result.Files, result.Attempts, result.Rejected, result.UnreadableLines));
        var lines = File.ReadAllLines(Path.Combine(RejectedDir, "a.jsonl"));
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("not a readable spool record", JsonDocument.Parse(l).RootElement.GetProperty("reason").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_next_run_is_not_blocked_by_a_poison_record_left_by_an_earlier_one()
    {
        WriteSpool("0-earlier.jsonl", "earlier", 4, poisonAt: 1);
        WriteSpool("1-later.jsonl", "later", 2);
        var warnings = new List<string>();
        var options = new HologramOptions { RepositoryRoot = root, ReportsDir = Path.Combine(root, "reports"), Store = "sqlite:reports/hologram.db" };

        await using (var recorder = await HistoryRecorder.StartAsync(options, Run("now"), warnings.Add))
        {
            Assert.NotNull(recorder.Store);
            recorder.Record(Attempt("now", "T.now"));
        }

        Assert.Empty(warnings);
        Assert.Empty(Directory.GetFiles(SpoolDir, "*.jsonl"));
        Assert.True(File.Exists(Path.Combine(RejectedDir, "0-earlier.jsonl")));
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        Assert.Equal((4, 2, 1), ((await store.GetAttemptsAsync("earlier")).Count, (await store.GetAttemptsAsync("later")).Count, (await store.GetAttemptsAsync("now")).Count));
    }

    private void WriteSpool(string name, string runId, int attempts, int poisonAt = -1)
    {
        var path = Path.Combine(SpoolDir, name);
        using (var writer = SpoolWriter.Open(path))
        {
            writer.WriteRun(Run(runId));
            for (var i = 0; i < attempts; i++)
            {
                writer.WriteAttempt(Attempt(runId, "T." + i));
            }

            writer.WriteEnd(runId, T0.AddMinutes(1));
        }

        if (poisonAt >= 0)
        {
            // The line an older writer produced: every field there, the test id null.
            var lines = File.ReadAllLines(path).ToList();
            lines.Insert(poisonAt + 1, lines[1].Replace("\"testId\":\"T.0\"", "\"testId\":null", StringComparison.Ordinal));
            File.WriteAllLines(path, lines);
        }
    }
}
