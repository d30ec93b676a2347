using Hologram.Testing.History;
using Hologram.Testing.Tests.History;

namespace Hologram.Testing.Cli.Tests.Store;

/// <summary><c>hologram store stats|prune|backup|copy</c> against real SQLite (and, where a server is given, PostgreSQL) stores.</summary>
public sealed class StoreCommandTests
{
    [Fact]
    public async Task Stats_gives_the_rows_of_every_table_and_the_oldest_run()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);

        Assert.Equal(0, cli.Run("store", "stats"));

        var lines = cli.OutLines;
        Assert.Equal($"History store sqlite:{Path.Combine(cli.Root, "reports", "hologram.db")}", lines[0]);
        Assert.Matches(@"^  size        \d+\.\d (KB|MB)$", lines[1]);
        Assert.Matches($"^  runs        5 \\(oldest {DateTimeOffset.UtcNow.AddDays(-40):yyyy-MM-dd} \\d\\d:\\d\\d UTC, newest {DateTimeOffset.UtcNow.AddDays(-1):yyyy-MM-dd} ", lines[2]);
        Assert.Equal(["  attempts    23", "  flakes      5", "  quarantine  1", "  audit       3", "  perf        5"], lines[3..]);
    }

    [Fact]
    public void A_store_that_does_not_exist_is_not_created()
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("store", "stats"));

        Assert.Equal($"hologram: history store sqlite:{Path.Combine(cli.Root, "reports", "hologram.db")} does not exist\n", cli.Error.Replace("\r", string.Empty, StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(cli.Root, "reports", "hologram.db")));
    }

    [Fact]
    public async Task Prune_removes_old_rows_but_keeps_everything_about_a_quarantined_test()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);

        Assert.Equal(0, cli.Run("store", "prune", "--older-than", "30", "--dry-run"));
        Assert.StartsWith("Would remove 1 run, 9 attempts, 1 flake event, 2 audit entries and 3 perf measurements older than 30 days", cli.Out, StringComparison.Ordinal);
        Assert.Equal(23, await CountAttemptsAsync(DefaultStore, cli.Root));

        Assert.Equal(0, cli.Run("store", "prune", "--older-than", "30"));

        Assert.StartsWith("Removed 1 run, 9 attempts, 1 flake event, 2 audit entries and 3 perf measurements older than 30 days", cli.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("Kept the attempts, flake events and audit trail of 1 quarantined test.", cli.OutLines[1]);
        await using var store = await HistoryStores.OpenAsync(DefaultStore, cli.Root);
        var runs = await store.GetRunsAsync(100);
        Assert.Equal(["run-4", "run-3", "run-2", "run-1"], runs.Select(r => r.RunId));
        Assert.All((await store.GetAttemptsAsync("run-1")).Select(a => a.TestId), id => Assert.Equal(StoreSeed.Quarantined, id));
        Assert.Equal(5, (await store.GetAttemptsAsync("run-4")).Count);
        Assert.Equal(4, (await store.GetFlakesAsync(DateTimeOffset.UnixEpoch, StoreSeed.Quarantined)).Count);
        Assert.Empty(await store.GetFlakesAsync(DateTimeOffset.UnixEpoch, StoreSeed.Stable + "0"));
        Assert.Equal(StoreSeed.Quarantined, Assert.Single(await store.GetAuditAsync()).TestId);
        Assert.Equal(StoreSeed.Quarantined, Assert.Single(await store.GetQuarantinedAsync()).TestId);
        Assert.Equal(2, (await store.GetPerfAsync(DateTimeOffset.UnixEpoch)).Count);

        // Pruning again removes nothing more.
        Assert.Equal(0, cli.Run("store", "prune", "--older-than", "30"));
        Assert.StartsWith("Removed 0 runs, 0 attempts, 0 flake events, 0 audit entries and 0 perf measurements", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_without_a_number_of_days_uses_History_RetentionDays_and_refuses_without_one()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);

        Assert.Equal(2, cli.Run("store", "prune"));
        Assert.Equal("hologram: store prune needs --older-than <days>, or History:RetentionDays (HOLOGRAM__HISTORY__RETENTIONDAYS) set above 0", cli.Error.TrimEnd());

        Assert.Equal(2, cli.Run("store", "prune", "--older-than", "0"));
        Assert.Equal("hologram: --older-than 0: must be a whole number of days, at least 1", cli.Error.TrimEnd());

        cli.WriteConfig("""{ "Hologram": { "History": { "RetentionDays": 39 } } }""");
        Assert.Equal(0, cli.Run("store", "prune"));
        Assert.StartsWith("Removed 1 run, 6 attempts, 1 flake event, 2 audit entries and 1 perf measurement older than 39 days", cli.Out, StringComparison.Ordinal);

        cli.Environment["HOLOGRAM__HISTORY__RETENTIONDAYS"] = "soon";
        Assert.Equal(2, cli.Run("store", "prune"));
        Assert.Equal("hologram: HOLOGRAM__HISTORY__RETENTIONDAYS='soon' (environment variable HOLOGRAM__HISTORY__RETENTIONDAYS) is not a whole number of days", cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Backup_is_a_consistent_copy_taken_while_a_writer_keeps_writing()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);
        using var stop = new CancellationTokenSource();
        // A writer adds runs of 200 attempts, each run's attempts in one transaction, while the backup is taken.
        var writer = Task.Run(async () =>
        {
            await using var store = await HistoryStores.OpenAsync(DefaultStore, cli.Root);
            var written = 0;
            for (var r = 0; !stop.IsCancellationRequested || written < 3; r++, written++)
            {
                var runId = $"live-{r}";
                var started = DateTimeOffset.UtcNow;
                await store.BeginRunAsync(new RunInfo { RunId = runId, Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "A", StartedAt = started });
                await store.AppendAttemptsAsync(Enumerable.Range(0, 200).Select(t => StoreSeed.Attempt(runId, $"Live.T{t}", 1, TestOutcome.Passed, true, started)).ToList());
            }

            return written;
        });
        await Task.Delay(200);

        var backup = Path.Combine(cli.Root, "backups", "history.db");
        Assert.Equal(0, cli.Run("store", "backup", "backups/history.db"));
        await stop.CancelAsync();
        var total = await writer;

        Assert.StartsWith($"Backed up sqlite:{Path.Combine(cli.Root, "reports", "hologram.db")} to {backup} (", cli.Out, StringComparison.Ordinal);
        Assert.Equal([backup], Directory.GetFiles(Path.GetDirectoryName(backup)!));
        await using var copy = await HistoryStores.OpenAsync("sqlite:" + backup, cli.Root);
        var runs = await copy.GetRunsAsync(10_000);
        Assert.InRange(runs.Count, 5, 5 + total);
        foreach (var run in runs.Where(r => r.RunId.StartsWith("live-", StringComparison.Ordinal)))
        {
            // A run whose row is in the snapshot has either none of its attempts yet or all 200: never a part.
            Assert.Contains((await copy.GetAttemptsAsync(run.RunId)).Count, new[] { 0, 200 });
        }

        Assert.Equal(5, (await copy.GetAttemptsAsync("run-4")).Count);
        Assert.Equal(3, (await copy.GetAuditAsync()).Count);
    }

    [Fact]
    public async Task Backup_refuses_a_directory_and_the_store_itself()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);
        Directory.CreateDirectory(Path.Combine(cli.Root, "dir"));

        Assert.Equal(2, cli.Run("store", "backup", "dir"));
        Assert.Equal("hologram: backup file 'dir' is a directory", cli.Error.TrimEnd());

        Assert.Equal(2, cli.Run("store", "backup", "reports/hologram.db"));
        Assert.Equal("hologram: backup file 'reports/hologram.db' is the history store itself", cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Copy_between_SQLite_files_is_complete_and_copying_again_adds_nothing()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);
        var target = "sqlite:" + Path.Combine(cli.Root, "copy.db");

        Assert.Equal(0, cli.Run("store", "copy", "--to", target));

        Assert.Contains(": 5 runs written (23 attempts), 0 runs already there; 5 flake events, 5 perf measurements, 1 quarantine entry and 3 audit entries added or present.", cli.OutLines[0], StringComparison.Ordinal);
        Assert.Equal(
            ["  runs        source 5, target 5", "  attempts    source 23, target 23", "  flakes      source 5, target 5", "  quarantine  source 1, target 1", "  audit       source 3, target 3", "  perf        source 5, target 5"],
            cli.OutLines[1..]);
        await AssertSameHistoryAsync(DefaultStore, target, cli.Root);

        Assert.Equal(0, cli.Run("store", "copy", "--to", target));
        Assert.Contains(": 0 runs written (0 attempts), 5 runs already there; 5 flake events, 5 perf measurements, 0 quarantine entries and 0 audit entries added or present.", cli.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("  audit       source 3, target 3", cli.OutLines[5]);
        await AssertSameHistoryAsync(DefaultStore, target, cli.Root);
    }

    [Fact]
    public async Task A_copy_cut_off_part_way_is_completed_by_copying_again()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root, testsPerRun: 50);
        var target = "sqlite:" + Path.Combine(cli.Root, "copy.db");
        // What a cut-off copy leaves: the oldest run complete, the next with its row and a part of its attempts.
        await using (var source = await HistoryStores.OpenAsync(DefaultStore, cli.Root))
        await using (var partial = await HistoryStores.OpenAsync(target, cli.Root))
        {
            var runs = (await source.GetRunsAsync(10)).Reverse().ToList();
            await partial.BeginRunAsync(runs[0]);
            await partial.AppendAttemptsAsync(await source.GetAttemptsAsync(runs[0].RunId));
            await partial.BeginRunAsync(runs[1]);
            await partial.AppendAttemptsAsync((await source.GetAttemptsAsync(runs[1].RunId)).Take(20).ToList());
        }

        Assert.Equal(0, cli.Run("store", "copy", "--to", target));

        Assert.Contains(": 4 runs written (208 attempts), 1 run already there;", cli.OutLines[0], StringComparison.Ordinal);
        Assert.Equal("  attempts    source 258, target 258", cli.OutLines[2]);
        await AssertSameHistoryAsync(DefaultStore, target, cli.Root);
    }

    [Fact]
    public async Task Copy_refuses_a_bad_target_and_the_store_itself_in_one_line()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);

        Assert.Equal(2, cli.Run("store", "copy", "--to", "mysql://root:pw@db/x"));
        Assert.StartsWith("hologram: --to: Store 'mysql://root:***@db/x' is neither", cli.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("pw@", cli.Error, StringComparison.Ordinal);

        Assert.Equal(2, cli.Run("store", "copy", "--to", "sqlite:reports/hologram.db"));
        Assert.EndsWith("is the configured store itself", cli.Error.TrimEnd(), StringComparison.Ordinal);

        Assert.Equal(2, cli.Run("store", "copy"));
        Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [PostgresFact]
    public async Task Copy_from_SQLite_to_PostgreSQL_and_back_keeps_every_row_and_backup_exports_PostgreSQL()
    {
        var (postgres, schema) = await PostgresTestServer.CreateSchemaAsync();
        try
        {
            using var cli = new CliRun();
            await StoreSeed.SeedAsync(DefaultStore, cli.Root);

            Assert.Equal(0, cli.Run("store", "copy", "--to", postgres));
            Assert.Equal("  attempts    source 23, target 23", cli.OutLines[2]);
            await AssertSameHistoryAsync(DefaultStore, postgres, cli.Root);
            Assert.Equal(0, cli.Run("store", "copy", "--to", postgres));
            Assert.Contains("0 runs written (0 attempts), 5 runs already there", cli.OutLines[0], StringComparison.Ordinal);
            Assert.Equal("  audit       source 3, target 3", cli.OutLines[5]);

            cli.Environment["HOLOGRAM_STORE"] = postgres;
            var back = "sqlite:" + Path.Combine(cli.Root, "back.db");
            Assert.Equal(0, cli.Run("store", "copy", "--to", back));
            await AssertSameHistoryAsync(DefaultStore, back, cli.Root);

            Assert.Equal(0, cli.Run("store", "backup", "export.db"));
            Assert.Contains("; 5 runs, 23 attempts).", cli.Out, StringComparison.Ordinal);
            await AssertSameHistoryAsync(DefaultStore, "sqlite:" + Path.Combine(cli.Root, "export.db"), cli.Root);

            Assert.Equal(0, cli.Run("store", "stats"));
            Assert.Equal("  attempts    23", cli.OutLines[3]);
            Assert.Equal(0, cli.Run("store", "prune", "--older-than", "30"));
            Assert.StartsWith("Removed 1 run, 9 attempts, 1 flake event, 2 audit entries and 3 perf measurements", cli.Out, StringComparison.Ordinal);
        }
        finally
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    [Fact]
    public async Task Doctor_warns_when_the_store_is_above_its_size_limit_or_holds_runs_past_the_retention()
    {
        using var cli = new CliRun();
        await StoreSeed.SeedAsync(DefaultStore, cli.Root);
        await using (var store = await HistoryStores.OpenAsync(DefaultStore, cli.Root))
        {
            // About 1.5 MB of failure messages.
            var started = DateTimeOffset.UtcNow;
            await store.BeginRunAsync(new RunInfo { RunId = "big", Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "A", StartedAt = started, EndedAt = started });
            await store.AppendAttemptsAsync(Enumerable.Range(0, 1500).Select(t => StoreSeed.Attempt("big", $"Big.T{t}", 1, TestOutcome.Failed, true, started) with
            {
                ErrorMessage = string.Concat(Enumerable.Repeat($"line {t} of a long failure message; ", 30)),
            }).ToList());
        }

        cli.WriteConfig("""{ "Hologram": { "History": { "MaxSizeMb": 1, "RetentionDays": 30 } } }""");
        cli.Run("doctor");

        var line = Assert.Single(cli.OutLines, l => l.Contains("history store size:", StringComparison.Ordinal));
        Assert.Matches(@"^! history store size: \d+\.\d MB, above History:MaxSizeMb 1; oldest run \d{4}-\d\d-\d\d \d\d:\d\d UTC, older than History:RetentionDays 30 — note: `hologram store prune --older-than 30` removes old runs", line);

        cli.WriteConfig("""{ "Hologram": { "History": { "MaxSizeMb": 100 } } }""");
        cli.Run("doctor");
        Assert.Matches(@"^✓ history store size: \d+\.\d MB \(limit 100 MB\), 1523 attempts$", Assert.Single(cli.OutLines, l => l.Contains("history store size:", StringComparison.Ordinal)));
    }

    private const string DefaultStore = "sqlite:reports/hologram.db";

    private static async Task<int> CountAttemptsAsync(string store, string root)
    {
        await using var history = await HistoryStores.OpenAsync(store, root);
        var runs = await history.GetRunsAsync(1000);
        var count = 0;
        foreach (var run in runs)
        {
            count += (await history.GetAttemptsAsync(run.RunId)).Count;
        }

        return count;
    }

    /// <summary>Every run, attempt, flake event, quarantine entry, audit entry and perf measurement of one store is in the other, equal.</summary>
    private static async Task AssertSameHistoryAsync(string expected, string actual, string root)
    {
        await using var a = await HistoryStores.OpenAsync(expected, root);
        await using var b = await HistoryStores.OpenAsync(actual, root);
        var runsA = await a.GetRunsAsync(10_000);
        var runsB = await b.GetRunsAsync(10_000);
        Assert.Equal(runsA.Select(Ms), runsB.Select(Ms));
        foreach (var run in runsA)
        {
            Assert.Equal((await a.GetAttemptsAsync(run.RunId)).Select(Ms), (await b.GetAttemptsAsync(run.RunId)).Select(Ms));
        }

        Assert.Equal((await a.GetFlakesAsync(DateTimeOffset.UnixEpoch)).Select(f => f with { DetectedAt = Trunc(f.DetectedAt) }),
            (await b.GetFlakesAsync(DateTimeOffset.UnixEpoch)).Select(f => f with { DetectedAt = Trunc(f.DetectedAt) }));
        Assert.Equal((await a.GetQuarantinedAsync()).Select(q => q with { Since = Trunc(q.Since) }), (await b.GetQuarantinedAsync()).Select(q => q with { Since = Trunc(q.Since) }));
        Assert.Equal((await a.GetAuditAsync()).Select(e => e with { At = Trunc(e.At) }), (await b.GetAuditAsync()).Select(e => e with { At = Trunc(e.At) }));
        Assert.Equal((await a.GetPerfAsync(DateTimeOffset.UnixEpoch)).Select(p => p with { MeasuredAt = Trunc(p.MeasuredAt) }),
            (await b.GetPerfAsync(DateTimeOffset.UnixEpoch)).Select(p => p with { MeasuredAt = Trunc(p.MeasuredAt) }));
    }

    private static RunInfo Ms(RunInfo r) => r with { StartedAt = Trunc(r.StartedAt), EndedAt = r.EndedAt is { } e ? Trunc(e) : null };

    private static string Ms(TestAttempt a) =>
        $"{a.RunId}|{a.TestId}|{a.Attempt}|{a.DisplayName}|{a.ClassName}|{string.Join(',', a.Categories)}|{a.Outcome}|{a.DurationMs}|{a.IsFinal}|{a.Quarantined}|{a.ErrorMessage}|{a.ErrorSignature}|{Trunc(a.FinishedAt):O}";

    private static DateTimeOffset Trunc(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());
}
