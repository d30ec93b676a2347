using Hologram.Testing.Cli.Commands;
using Hologram.Testing.E2E;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Reads the E2E event log with <see cref="E2EEventLog.Read"/> and summarises it like <c>hologram e2e summary</c>.</summary>
internal static class E2EReader
{
    public static E2ESection Read(HologramOptions options, ReportOptions report)
    {
        var path = ReportsLayout.For(options).E2EEvents;
        if (!File.Exists(path))
        {
            return new E2ESection
            {
                Path = path,
                Missing = $"No E2E event log at {path}. Log the steps of [Phase8E2E] tests with E2EEventLog (log.StepAsync(\"publish\", …)).",
            };
        }

        IReadOnlyList<E2EEvent> events;
        int malformed;
        try
        {
            events = E2EEventLog.Read(path, out malformed);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new E2ESection { Path = path, Missing = $"The E2E event log {path} could not be read: {ReportText.OneLine(ex.Message)}" };
        }

        if (events.Count == 0)
        {
            return new E2ESection { Path = path, MalformedLines = malformed, Missing = $"The E2E event log {path} has no events yet." };
        }

        var latestRun = events[^1].RunId;
        var latest = events.Where(e => e.RunId == latestRun).ToList();
        return new E2ESection
        {
            Path = path,
            MalformedLines = malformed,
            Summary = E2ESummary.From(events),
            LatestRun = latestRun,
            LatestSteps = latest.Take(report.E2EEvents).ToList(),
            LatestStepsOmitted = Math.Max(0, latest.Count - report.E2EEvents),
        };
    }
}
