using System.Text;
using Hologram.Testing.History;
using Hologram.Testing.Reports;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Perf.Records;

/// <summary>
/// Writes a measurement: one line appended to <c>reports/perf/&lt;name&gt;.csv</c>, the latest record with its raw
/// samples to <c>reports/perf/samples/</c>, <c>cache_profiles.json</c> when a cold profile exists, a
/// <see cref="PerfHistoryEntry"/> to the history store (through the run's <see cref="HistoryRecorder"/>), then the sinks.
/// </summary>
internal static class PerfRecorder
{
    public static void Record(PerfResult result, HologramOptions configuration, string runId)
    {
        var reportsDir = configuration.ReportsDir;
        var layout = new ReportsLayout(reportsDir);
        AppendCsv(layout.PerfCsv(result.Name), PerfCsvRow.From(result, runId));
        PerfJson.WriteAtomically(layout.PerfSamples(result.Name, result.Phase == PerfPhase.Cold), result.ToRecord());
        if (result.Phase == PerfPhase.Cold || File.Exists(layout.PerfSamples(result.Name, cold: true)))
        {
            // Other test processes rewrite the same file: one at a time, each from all the latest records.
            using (FileLock.Open(layout.PerfCacheProfiles + ".lock"))
            {
                CacheProfiles.Write(reportsDir);
            }
        }

        RecordHistory(result, configuration);
        foreach (var sink in PerfResultSinks.Registered)
        {
            try
            {
                sink.Record(result);
            }
#pragma warning disable CA1031 // A failing sink is reported and must not fail the measured test.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Console.Error.WriteLine($"hologram: perf sink {sink.GetType().Name} failed for '{result.Name}': {ex.Message}");
            }
        }
    }

    /// <summary>
    /// Hands the measurement to the recorder of the configured store: the test session's run when one records into
    /// that store, else this process's run. Journaled at once; never throws into the test.
    /// </summary>
    internal static void RecordHistory(PerfResult result, HologramOptions configuration)
    {
        HistoryRecorder? recorder;
        try
        {
            recorder = HistoryRecorders.For(configuration);
        }
#pragma warning disable CA1031 // The CSV line is written; a history that cannot be opened is reported and must not fail the measured test.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Console.Error.WriteLine($"hologram: perf measurement '{result.Name}' not recorded in the history store: {ex.Message}");
            return;
        }

        recorder?.RecordPerf(ToEntry(result, recorder.Run));
    }

    /// <summary>The store's row for <paramref name="result"/>, measured in <paramref name="run"/>.</summary>
    internal static PerfHistoryEntry ToEntry(PerfResult result, RunInfo run) => new()
    {
        RunId = run.RunId,
        Name = result.Name,
        Phase = result.Phase == PerfPhase.Cold ? "cold" : "warm",
        Profile = result.Profile,
        Environment = result.Environment.Key,
        Commit = result.Commit ?? run.Commit,
        Branch = run.Branch,
        Samples = result.Count,
        P50Ms = result.P50,
        P95Ms = result.P95,
        P95LowerMs = result.P95Lower,
        P95UpperMs = result.P95Upper,
        MeanMs = result.Mean,
        MeasuredAt = result.Timestamp,
    };

    /// <summary>Appends one line under an exclusive lock (other test processes append to the same file), with the header first in a new file.</summary>
    public static void AppendCsv(string path, PerfCsvRow row)
    {
        using var stream = FileLock.Open(path, FileMode.Append, FileAccess.Write);
        var text = (stream.Length == 0 ? PerfCsvRow.Header + "\n" : string.Empty) + row.ToLine() + "\n";
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
