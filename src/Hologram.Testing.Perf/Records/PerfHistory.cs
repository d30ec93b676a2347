namespace Hologram.Testing.Perf.Records;

/// <summary>Reads the CSV history of measurements.</summary>
internal static class PerfHistory
{
    public static IReadOnlyList<PerfCsvRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var rows = new List<PerfCsvRow>();
        PerfRecorder.WithRetry(() =>
        {
            rows.Clear();
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (PerfCsvRow.TryParse(line) is { } row)
                {
                    rows.Add(row);
                }
            }
        });
        return rows;
    }

    /// <summary>
    /// How many runs right before this one breached the budget (their last p95 of this profile and phase over it),
    /// counting back from the most recent until one did not, at most <paramref name="max"/>.
    /// </summary>
    public static int PrecedingBreachingRuns(string reportsDir, string name, string profile, PerfPhase phase, double budgetMs, string? currentRun, int max)
    {
        var lastPerRun = new List<PerfCsvRow>();
        foreach (var row in Read(PerfPaths.Csv(reportsDir, name)))
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
