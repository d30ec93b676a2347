using System.CommandLine;
using Hologram.Testing.Cli.Flakes;

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
                ? Path.Combine(options.ReportsDir, "spool")
                : Path.GetFullPath(spoolDir, context.CurrentDirectory);
            if (!Directory.Exists(directory))
            {
                context.Out.WriteLine($"No spool directory at {directory}; nothing to load.");
                return ExitCodes.Ok;
            }

            var load = await context.History.IngestAsync(store, directory, cancellationToken);
            var files = load.Files == 1 ? "1 spool file" : $"{FlakeText.Number(load.Files)} spool files";
            var records = load.Records == 1 ? "1 record" : $"{FlakeText.Number(load.Records)} records";
            context.Out.WriteLine($"Loaded {records} from {files} in {directory} into {store.Description}.");
            return ExitCodes.Ok;
        });
}
