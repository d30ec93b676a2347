using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Cli.Store;
using Hologram.Testing.History;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram store stats|prune|backup|copy</c>: the history store's life cycle.</summary>
internal sealed class StoreCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var stats = new Command("stats", "Rows per table, size on disk and the oldest and newest run of the history store.");
        stats.SetAction(_ => new StoreCommand(context).Stats());

        var olderThan = new Option<int?>("--older-than") { Description = "Remove runs started more than this many days ago (default: History:RetentionDays)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Count what would be removed, remove nothing" };
        var prune = new Command("prune", "Remove runs, attempts, flake events, audit entries and perf measurements older than a number of days; everything about a quarantined test is kept.") { olderThan, dryRun };
        prune.SetAction(result => new StoreCommand(context).Prune(result.GetValue(olderThan), result.GetValue(dryRun)));

        var file = new Argument<string>("backup-file") { Description = "The backup file to write (a SQLite database; replaced when it exists)" };
        var backup = new Command("backup", "Write a consistent copy of the history store, while tests keep writing to it, as one SQLite file (from PostgreSQL too).") { file };
        backup.SetAction(result => new StoreCommand(context).Backup(result.GetValue(file)!));

        var to = new Option<string>("--to") { Description = "The store to copy into: sqlite:<path>, a PostgreSQL connection string or postgres:// URL", Required = true };
        var copy = new Command("copy", "Copy the configured store into another (SQLite to PostgreSQL and back); copying again adds nothing, and resumes a copy cut off part way.") { to };
        copy.SetAction(result => new StoreCommand(context).Copy(result.GetValue(to)!));

        return new Command("store", "The history store's life cycle: stats, prune, backup, copy.") { stats, prune, backup, copy };
    }

    public int Stats() =>
        Absent() ?? StoreSession.Run(context, async (_, store, cancellationToken) =>
        {
            var stats = await Sql(store).GetStatsAsync(cancellationToken);
            context.Out.WriteLine($"History store {store.Description}");
            context.Out.WriteLine($"  size        {Size(stats.SizeBytes)}");
            context.Out.WriteLine(stats.OldestRun is null
                ? "  runs        0"
                : $"  runs        {Number(stats.Rows("runs"))} (oldest {FlakeText.Time(stats.OldestRun)} UTC, newest {FlakeText.Time(stats.NewestRun)} UTC)");
            foreach (var (table, rows) in stats.Tables.Where(t => t.Table != "runs"))
            {
                context.Out.WriteLine($"  {table,-11} {Number(rows)}");
            }

            return ExitCodes.Ok;
        });

    public int Prune(int? olderThan, bool dryRun) =>
        olderThan is < 1 ? context.BadInput($"--older-than {olderThan}: must be a whole number of days, at least 1") :
        Absent() ?? StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var days = olderThan ?? options.History.RetentionDays;
            if (days == 0)
            {
                return context.BadInput("store prune needs --older-than <days>, or History:RetentionDays (HOLOGRAM__HISTORY__RETENTIONDAYS) set above 0");
            }

            var before = context.Time.GetUtcNow().AddDays(-days);
            var sql = Sql(store);
            var removed = await sql.PruneAsync(before, dryRun, cancellationToken);
            var kept = (await store.GetQuarantinedAsync(cancellationToken)).Count;
            var what = $"{Count(removed.Runs, "run")}, {Count(removed.Attempts, "attempt")}, {Count(removed.Flakes, "flake event")}, "
                + $"{Count(removed.Audit, "audit entry", "audit entries")} and {Count(removed.Perf, "perf measurement")} older than {days} days (before {FlakeText.Time(before)} UTC)";
            context.Out.WriteLine($"{(dryRun ? "Would remove" : "Removed")} {what} from {store.Description}.");
            if (kept > 0)
            {
                context.Out.WriteLine($"Kept the attempts, flake events and audit trail of {Count(kept, "quarantined test")}.");
            }

            return ExitCodes.Ok;
        });

    public int Backup(string file) =>
        Directory.Exists(Path.GetFullPath(file, context.CurrentDirectory)) ? context.BadInput($"backup file '{file}' is a directory") :
        Absent() ?? StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var path = Path.GetFullPath(file, context.CurrentDirectory);
            if (string.Equals(store.Description, "sqlite:" + path, StringComparison.Ordinal))
            {
                return context.BadInput($"backup file '{file}' is the history store itself");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (store is SqliteHistoryStore sqlite)
            {
                await sqlite.BackupToAsync(path, cancellationToken);
            }
            else
            {
                // A PostgreSQL store is exported as a SQLite store: one portable file that any Hologram reads, and that
                // `store copy` loads back into a server.
                var temporary = path + ".partial-" + Guid.NewGuid().ToString("N")[..8];
                try
                {
                    await using (var target = await HistoryStores.OpenAsync("sqlite:" + temporary, options.RepositoryRoot, cancellationToken))
                    {
                        await CliProgress.RunAsync(context, "Exporting", async stage =>
                            await StoreCopy.CopyAsync(store, target, Progress(stage), cancellationToken));
                    }

                    File.Move(temporary, path, overwrite: true);
                }
                finally
                {
                    File.Delete(temporary);
                    File.Delete(temporary + "-wal");
                    File.Delete(temporary + "-shm");
                    File.Delete(temporary + ".checked");
                }
            }

            // Read the backup back as a store, every page of it: a backup that does not open is not a backup. The backup
            // is one file: the stamp the close leaves next to a store it checked is not kept.
            StoreStats stats;
            await using (var written = await HistoryStores.OpenAsync("sqlite:" + path, options.RepositoryRoot, alwaysCheck: true, cancellationToken))
            {
                stats = await Sql(written).GetStatsAsync(cancellationToken);
            }

            File.Delete(path + ".checked");
            context.Out.WriteLine($"Backed up {store.Description} to {path} ({Size(stats.SizeBytes)}; {Count(stats.Rows("runs"), "run")}, {Count(stats.Rows("attempts"), "attempt")}).");
            return ExitCodes.Ok;
        });

    public int Copy(string to) =>
        Absent() ?? StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            IHistoryStore target;
            try
            {
                target = await HistoryStores.OpenAsync(to, options.RepositoryRoot, cancellationToken);
            }
            catch (ArgumentException ex)
            {
                return context.BadInput($"--to: {ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal)}");
            }

            await using (target)
            {
                if (string.Equals(target.Description, store.Description, StringComparison.Ordinal))
                {
                    return context.BadInput($"--to {target.Description} is the configured store itself");
                }

                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = await CliProgress.RunAsync(context, "Copying", async stage =>
                    await StoreCopy.CopyAsync(store, target, Progress(stage), cancellationToken));
                var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
                context.Out.WriteLine(
                    $"Copied {store.Description} to {target.Description} in {seconds} s: {Count(result.RunsCopied, "run")} written "
                    + $"({Count(result.Attempts, "attempt")}), {Count(result.RunsSkipped, "run")} already there; "
                    + $"{Count(result.Flakes, "flake event")}, {Count(result.Perf, "perf measurement")}, {Count(result.Quarantined, "quarantine entry", "quarantine entries")} "
                    + $"and {Count(result.Audit, "audit entry", "audit entries")} added or present.");
                var from = await Sql(store).GetStatsAsync(cancellationToken);
                var into = await Sql(target).GetStatsAsync(cancellationToken);
                foreach (var (table, rows) in from.Tables)
                {
                    var there = into.Rows(table);
                    context.Out.WriteLine($"  {table,-11} source {Number(rows)}, target {Number(there)}{(there == rows ? string.Empty : there > rows ? " (the target had rows of its own)" : " (short)")}");
                }

                if (result.Collisions > 0)
                {
                    context.Error.WriteLine($"hologram: warning: {Count(result.Collisions, "attempt")} not copied: the target holds a different result under the same run, test and attempt");
                }

                return ExitCodes.Ok;
            }
        });

    /// <summary>Bad input when the configured SQLite file does not exist: these commands never create an empty store.</summary>
    private int? Absent()
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        return context.History.AbsentStore(options) is { } absent ? context.BadInput($"history store sqlite:{absent} does not exist") : null;
    }

    private static SynchronousProgress Progress(Action<string> stage) =>
        new SynchronousProgress(p => stage($"{Number(p.Done)} of {Number(p.Total)} attempts"));

    private static SqlHistoryStore Sql(IHistoryStore store) =>
        store as SqlHistoryStore ?? throw new HistoryStoreException($"History store {store.Description} is not a SQLite or PostgreSQL store.");

    private static string Size(long bytes) => bytes >= 1_048_576
        ? (bytes / 1_048_576.0).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Count(long count, string noun, string? plural = null) =>
        count == 1 ? $"1 {noun}" : $"{Number(count)} {plural ?? noun + "s"}";

    /// <summary>Reports on the caller's thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<(long Done, long Total)> report) : IProgress<(long Done, long Total)>
    {
        public void Report((long Done, long Total) value) => report(value);
    }
}
