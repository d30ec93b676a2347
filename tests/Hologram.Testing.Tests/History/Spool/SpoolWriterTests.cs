using System.Text.Json;
using Hologram.Testing.History;
using Hologram.Testing.History.Spool;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.Tests.History.Spool;

public sealed class SpoolWriterTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hologram-spool-writer-" + Guid.NewGuid().ToString("N"));

    public SpoolWriterTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    public static TheoryData<string> Attempts() => new() { "passed", "failed", "skipped", "odd" };

    [Theory]
    [MemberData(nameof(Attempts))]
    public void An_attempt_line_is_byte_for_byte_what_the_serializer_writes(string shape)
    {
        var attempt = shape switch
        {
            "passed" => Attempt(TestOutcome.Passed),
            "failed" => Attempt(TestOutcome.Failed) with
            {
                ErrorMessage = "Assert.Equal() Failure\n\"quoted\" <html> & \u00e9\u202e\u0000 tab\t",
                ErrorSignature = "0123456789ab",
                Categories = ["Phase6Perf", "NoCi"],
                Quarantined = true,
                Attempt = 3,
                IsFinal = false,
            },
            "skipped" => Attempt(TestOutcome.Skipped) with { ErrorMessage = "skipped at run time", DurationMs = 0 },
            _ => Attempt((TestOutcome)42) with { Categories = null!, DurationMs = double.Epsilon, DisplayName = "\ud83d\ude00 x(a: \"\\\")" },
        };
        var path = Path.Combine(root, shape + ".jsonl");

        using (var writer = SpoolWriter.Open(path))
        {
            writer.WriteAttempt(attempt);
        }

        var expected = JsonSerializer.Serialize(new SpoolRecord { Type = SpoolRecord.AttemptType, Attempt = attempt }, HistoryJson.Options) + "\n";
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_run_and_end_lines_are_byte_for_byte_what_the_serializer_writes(bool everyField)
    {
        var run = new RunInfo
        {
            RunId = "r-\u00e9",
            Profile = "pr",
            Host = "ci \"host\" <1>",
            Framework = "xunit2",
            Assembly = "Tests\tA",
            StartedAt = new DateTimeOffset(2026, 12, 3, 10, 11, 12, 345, TimeSpan.FromHours(2)),
        };
        if (everyField)
        {
            run = run with
            {
                BuildId = "b-17",
                Commit = new string('a', 40),
                Branch = "feature/\u00fc\ud83d\ude00",
                Shard = "2/4",
                EndedAt = run.StartedAt.AddMinutes(3),
                CiProvider = "github",
                CiUrl = "https://example.test/run?id=1&x=<2>",
            };
        }

        var path = Path.Combine(root, $"run-{everyField}.jsonl");
        var ended = run.StartedAt.AddSeconds(90.5);
        using (var writer = SpoolWriter.Open(path))
        {
            writer.WriteRun(run);
            writer.WriteEnd(run.RunId, ended);
        }

        var expected = JsonSerializer.Serialize(new SpoolRecord { Type = SpoolRecord.RunType, Run = run }, HistoryJson.Options) + "\n"
            + JsonSerializer.Serialize(new SpoolRecord { Type = SpoolRecord.EndType, RunId = run.RunId, EndedAt = ended }, HistoryJson.Options) + "\n";
        Assert.Equal(expected, File.ReadAllText(path));
    }

    [Fact]
    public void Lines_written_from_many_threads_are_whole_and_all_there()
    {
        var path = Path.Combine(root, "threads.jsonl");
        using (var writer = SpoolWriter.Open(path))
        {
            Parallel.For(0, 4_000, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
                writer.WriteAttempt(Attempt(TestOutcome.Passed) with { TestId = "T.M" + i, ErrorMessage = new string('x', i % 300) }));
        }

        var ids = File.ReadAllLines(path)
            .Select(line => JsonSerializer.Deserialize<SpoolRecord>(line, HistoryJson.Options)!.Attempt!.TestId)
            .ToHashSet();
        Assert.Equal(4_000, ids.Count);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(700_000)]
    public async Task A_line_a_crashed_writer_reserved_but_never_wrote_is_skipped_and_the_rest_loads(int reserved)
    {
        var spool = Path.Combine(root, "spool");
        var path = Path.Combine(spool, "crashed.jsonl");
        var run = new RunInfo { RunId = "run-1", Profile = "dev", Host = "h", Framework = "xunit2", Assembly = "a", StartedAt = DateTimeOffset.UnixEpoch };
        using (var writer = SpoolWriter.Open(path))
        {
            writer.WriteRun(run);
            writer.WriteAttempt(Attempt(TestOutcome.Passed) with { TestId = "T.A" });
        }

        // The place a killed writer had reserved for its line in flight (or a long run of them): zeros, then the next
        // writer's lines.
        await File.AppendAllTextAsync(path, new string('\0', reserved));
        using (var writer = SpoolWriter.Open(path))
        {
            writer.WriteAttempt(Attempt(TestOutcome.Failed) with { TestId = "T.B" });
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var store = await HistoryStores.OpenAsync("sqlite:" + Path.Combine(root, "h.db"), root);
        var result = await SpoolIngestor.IngestAsync(store, spool);

        Assert.Equal(2, result.Attempts);
        Assert.Equal(0, result.UnreadableLines);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Megabytes_of_lines_of_odd_lengths_are_whole_in_order_and_nothing_more()
    {
        var path = Path.Combine(root, "chunks.jsonl");
        var written = 0L;
        using (var writer = SpoolWriter.Open(path))
        {
            // Lines of odd lengths, 3.5 MiB in all: none cut, none padded.
            for (var i = 0; written < 3L * 1024 * 1024 + 512 * 1024; i++)
            {
                var attempt = Attempt(TestOutcome.Passed) with { TestId = "T.M" + i, ErrorMessage = new string('y', 997 + (i % 13)) };
                writer.WriteAttempt(attempt);
                written += JsonSerializer.Serialize(new SpoolRecord { Type = SpoolRecord.AttemptType, Attempt = attempt }, HistoryJson.Options).Length + 1;
            }
        }

        Assert.Equal(written, new FileInfo(path).Length);
        var ids = File.ReadAllLines(path).Select(line => JsonSerializer.Deserialize<SpoolRecord>(line, HistoryJson.Options)!.Attempt!.TestId).ToList();
        Assert.Equal(Enumerable.Range(0, ids.Count).Select(i => "T.M" + i), ids);
    }

    private static TestAttempt Attempt(TestOutcome outcome) => new()
    {
        RunId = "run-1",
        TestId = "Ns.Class.Method(x: \"long argument\")",
        DisplayName = "Ns.Class.Method(x: \"long argument\")",
        ClassName = "Ns.Class",
        Attempt = 1,
        Outcome = outcome,
        DurationMs = 12.345678901234,
        IsFinal = true,
        FinishedAt = new DateTimeOffset(2026, 12, 2, 9, 30, 15, 123, TimeSpan.FromHours(1)).AddTicks(4567),
    };
}
