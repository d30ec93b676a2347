using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake ingest [--spool-dir DIR]</c>: loads the spool files written while the store was unreachable.</summary>
internal sealed class FlakeIngestCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var spoolDir = new Option<string?>("--spool-dir") { Description = "The spool directory (default: <ReportsDir>/spool)" };
        var command = new Command("ingest", "Load spool files (results recorded while the store was unreachable) into the store, each record exactly once.") { spoolDir };
        command.SetAction(result => new FlakeIngestCommand(context).Execute(result.GetValue(spoolDir)));
        return command;
    }

    public int Execute(string? spoolDir) =>
        StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var directory = string.IsNullOrWhiteSpace(spoolDir)
                ? ReportsLayout.For(options).SpoolDirectory
                : Path.GetFullPath(spoolDir, context.CurrentDirectory);
            if (!string.IsNullOrWhiteSpace(spoolDir) && !Directory.Exists(directory))
            {
                // A directory named on the command line must exist: a typo must not pass as "nothing to load".
                return context.BadInput(File.Exists(directory)
                    ? $"--spool-dir {directory} is a file, not a spool directory"
                    : $"--spool-dir {directory} does not exist");
            }

            if (!Directory.Exists(directory))
            {
                context.Out.WriteLine($"No spool directory at {directory}; nothing to load.");
                return ExitCodes.Ok;
            }

            var load = await context.History.IngestAsync(store, directory, cancellationToken);
            context.Out.WriteLine(
                $"Loaded {Count(load.Files, "spool file")} ({Count(load.Runs, "run")}, {Count(load.Attempts, "attempt")}, {Count(load.Flakes, "flake event")}{(load.PerfMeasurements > 0 ? ", " + Count(load.PerfMeasurements, "perf measurement") : string.Empty)}) " +
                $"from {directory} into {store.Description}.");
            if (load.FilesInUse > 0)
            {
                context.Out.WriteLine($"Left {Count(load.FilesInUse, "spool file")} for later: a test run is still writing to it.");
            }

            if (load.UnreadableLines + load.Rejected > 0)
            {
                // Everything valid was loaded and the spool files removed; what the store cannot take is kept aside.
                var what = (load.Rejected, load.UnreadableLines) switch
                {
                    (> 0, > 0) => $"{Count(load.Rejected, "invalid record")} and {Count(load.UnreadableLines, "unreadable line")}",
                    (> 0, _) => Count(load.Rejected, "invalid record"),
                    _ => Count(load.UnreadableLines, "unreadable line"),
                };
                context.Error.WriteLine($"hologram: note: set aside {what}, each with its reason, in {string.Join(", ", load.RejectedFiles)}");
            }

            if (load.Collisions > 0)
            {
                context.Error.WriteLine(
                    $"hologram: warning: {Count(load.Collisions, "result")} collided with an earlier result under the same test id; kept in {string.Join(", ", load.CollisionFiles)}");
            }

            return ExitCodes.Ok;
        });

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{FlakeText.Number(count)} {noun}s";
}
