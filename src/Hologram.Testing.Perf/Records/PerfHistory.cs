using Hologram.Testing.Reports;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Perf.Records;

/// <summary>Reads the CSV history of measurements.</summary>
public static class PerfHistory
{
    /// <summary>Every well-formed row of a measurement's CSV file, oldest first; empty when the file does not exist.</summary>
    /// <param name="path">The CSV file.</param>
    public static IReadOnlyList<PerfCsvRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = new List<PerfCsvRow>();

        // Waits while a writer appends under its exclusive lock, so no half-written line is read.
        using var reader = new StreamReader(FileLock.OpenForReading(path));
        while (reader.ReadLine() is { } line)
        {
            if (PerfCsvRow.TryParse(line) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    /// <summary>
    /// How many runs right before this one breached the budget (their last p95 of this profile and phase over it),
    /// counting back from the most recent until one did not, at most <paramref name="max"/>.
    /// </summary>
    public static int PrecedingBreachingRuns(string reportsDir, string name, string profile, PerfPhase phase, double budgetMs, string? currentRun, int max)
    {
        var lastPerRun = new List<PerfCsvRow>();
        foreach (var row in Read(new ReportsLayout(reportsDir).PerfCsv(name)))
        {
            if (row.Phase != phase || !string.Equals(row.Profile, profile, StringComparison.OrdinalIgnoreCase) || row.Run == currentRun)
            {
                continue;
            }

            if (lastPerRun.Count > 0 && lastPerRun[^1].Run == row.Run)
            {
                lastPerRun[^1] = row;
            }
            else
            {
                lastPerRun.Add(row);
            }
        }

        var count = 0;
        for (var i = lastPerRun.Count - 1; i >= 0 && count < max; i--)
        {
            if (!(lastPerRun[i].P95 > budgetMs))
            {
                break;
            }

            count++;
        }

        return count;
    }
}
