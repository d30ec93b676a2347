using System.CommandLine;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake …</c>: flake reports, manual quarantine, impact, spool ingest, export and re-run filters.</summary>
internal static class FlakeCommand
{
    public static Command Create(CliContext context) =>
        new("flake", "Flaky tests: report, quarantine, unquarantine, impact, ingest, export, failed.")
        {
            FlakeReportCommand.Create(context),
            FlakeQuarantineCommand.Create(context),
            FlakeUnquarantineCommand.Create(context),
            FlakeImpactCommand.Create(context),
            FlakeIngestCommand.Create(context),
            FlakeExportCommand.Create(context),
            FlakeFailedCommand.Create(context),
        };
}
