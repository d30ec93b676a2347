using System.Text.Json;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeExportCommandTests
{
    [Fact]
    public void Writes_the_flake_database_and_the_quarantined_tests()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);

        Assert.Equal(0, cli.Run("flake", "export"));

        var reports = Path.Combine(cli.Root, "reports");
        Assert.Equal(
            [$"Wrote {Path.Combine(reports, "flake_database.json")} (2 tests, the last 7 days)", $"Wrote {Path.Combine(reports, "quarantined_tests.json")} (1 quarantined)"],
            cli.OutLines);
        Assert.Equal(["flake_database.json", "quarantined_tests.json"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());

        using var database = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "flake_database.json")));
        var root = database.RootElement;
        Assert.Equal(FlakeCli.Now, root.GetProperty("generatedAt").GetDateTimeOffset());
        Assert.Equal(7, root.GetProperty("windowDays").GetInt32());
        var tests = root.GetProperty("tests").EnumerateArray().ToList();
        Assert.Equal([FlakeHistorySeed.Flaky, FlakeHistorySeed.Broken], tests.Select(t => t.GetProperty("testId").GetString()));
        var flaky = tests[0];
        Assert.Equal(2, flaky.GetProperty("flakes").GetInt32());
        Assert.Equal("Timeout after <n> ms", flaky.GetProperty("signature").GetString());
        Assert.Equal("policy", flaky.GetProperty("quarantine").GetProperty("by").GetString());
        var events = flaky.GetProperty("flakeEvents").EnumerateArray().ToList();
        Assert.Equal(["r2", "r4"], events.Select(e => e.GetProperty("runId").GetString()));
        Assert.Equal(["runId", "commit", "kind", "detectedAt", "signature"], events[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("c3", events[1].GetProperty("commit").GetString());
        Assert.Equal("passedOnRetry", events[1].GetProperty("kind").GetString());
        Assert.Empty(tests[1].GetProperty("flakeEvents").EnumerateArray());

        using var quarantined = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "quarantined_tests.json")));
        var entry = Assert.Single(quarantined.RootElement.GetProperty("tests").EnumerateArray().ToList());
        Assert.Equal(["testId", "since", "reason", "by", "manual", "until"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("2 flakes in 7 days", entry.GetProperty("reason").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 10, 1, 0, TimeSpan.Zero), entry.GetProperty("since").GetDateTimeOffset());
    }

    [Fact]
    public void Replaces_existing_files_and_leaves_no_temporary_files()
    {
        using var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);
        var reports = Path.Combine(cli.Root, "reports");
        Directory.CreateDirectory(reports);
        File.WriteAllText(Path.Combine(reports, "quarantined_tests.json"), "old content that is longer than the new content will ever be" + new string(' ', 5000));

        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "db", "--until", "2025-04-01T08:00:00Z"));
        Assert.Equal(0, cli.Run("flake", "export", "--all", "--days", "60"));

        Assert.Equal(["flake_database.json", "quarantined_tests.json"], Directory.GetFiles(reports).Select(Path.GetFileName).Order());
        using var quarantined = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "quarantined_tests.json")));
        var manual = quarantined.RootElement.GetProperty("tests").EnumerateArray().Single(t => t.GetProperty("testId").GetString() == FlakeHistorySeed.Broken);
        Assert.True(manual.GetProperty("manual").GetBoolean());
        Assert.Equal("alice", manual.GetProperty("by").GetString());
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 8, 0, 0, TimeSpan.Zero), manual.GetProperty("until").GetDateTimeOffset());
        using var database = JsonDocument.Parse(File.ReadAllText(Path.Combine(reports, "flake_database.json")));
        Assert.Equal(4, database.RootElement.GetProperty("tests").GetArrayLength());
    }

    [Fact]
    public void Honours_HOLOGRAM_REPORTS_DIR()
    {
        using var cli = new FlakeCli();
        cli.Environment["HOLOGRAM_REPORTS_DIR"] = "out/flakes";

        Assert.Equal(0, cli.Run("flake", "export"));

        Assert.True(File.Exists(Path.Combine(cli.Root, "out", "flakes", "flake_database.json")));
        Assert.True(File.Exists(Path.Combine(cli.Root, "out", "flakes", "quarantined_tests.json")));
    }

    [Fact]
    public void Ingest_loads_the_default_spool_directory()
    {
        using var cli = new FlakeCli();
        var spool = Path.Combine(cli.Root, "reports", "spool");
        Directory.CreateDirectory(spool);

        Assert.Equal(0, cli.Run("flake", "ingest"));

        Assert.Equal(spool, cli.Backend.IngestedFrom);
        Assert.Equal($"Loaded 2 spool files (2 runs, 40 attempts, 1 flake event) from {spool} into sqlite:/repo/reports/hologram.db.\n", cli.Out);
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void Ingest_takes_a_spool_dir_relative_to_the_current_directory()
    {
        using var cli = new FlakeCli();
        Directory.CreateDirectory(Path.Combine(cli.Root, "elsewhere"));
        cli.Backend.IngestResult = new() { Files = 1, FilesInUse = 1, Runs = 1, Attempts = 1, UnreadableLines = 1 };

        Assert.Equal(0, cli.Run("flake", "ingest", "--spool-dir", "elsewhere"));

        Assert.Equal(Path.Combine(cli.Root, "elsewhere"), cli.Backend.IngestedFrom);
        Assert.StartsWith("Loaded 1 spool file (1 run, 1 attempt, 0 flake events) from ", cli.Out, StringComparison.Ordinal);
        Assert.Equal("Left 1 spool file for later: a test run is still writing to it.", cli.OutLines[^1]);
        Assert.StartsWith("hologram: note: set aside 1 unreadable line", cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Ingest_warns_of_results_that_collided_and_where_they_are_kept()
    {
        using var cli = new FlakeCli();
        var spool = Path.Combine(cli.Root, "reports", "spool");
        Directory.CreateDirectory(spool);
        var kept = Path.Combine(spool, "collisions", "run-7.jsonl");
        cli.Backend.IngestResult = new() { Files = 1, Runs = 1, Attempts = 10, Collisions = 3, CollisionFiles = [kept] };

        Assert.Equal(0, cli.Run("flake", "ingest"));

        Assert.Equal($"hologram: warning: 3 results collided with an earlier result under the same test id; kept in {kept}\n", cli.Error);
    }

    [Fact]
    public void Ingest_without_a_spool_directory_has_nothing_to_do()
    {
        using var cli = new FlakeCli();

        Assert.Equal(0, cli.Run("flake", "ingest"));

        Assert.Null(cli.Backend.IngestedFrom);
        Assert.Contains("nothing to load", cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "does not exist")]
    [InlineData(true, "is a file, not a spool directory")]
    public void Ingest_with_a_spool_dir_that_is_missing_or_a_file_is_bad_input(bool file, string problem)
    {
        using var cli = new FlakeCli();
        var path = Path.Combine(cli.Root, "spool-typo");
        if (file)
        {
            File.WriteAllText(path, "{}\n");
        }

        Assert.Equal(2, cli.Run("flake", "ingest", "--spool-dir", "spool-typo"));

        Assert.Null(cli.Backend.IngestedFrom);
        Assert.Equal($"hologram: --spool-dir {path} {problem}", cli.Error.Trim());
        Assert.Empty(cli.Out);
    }
}
