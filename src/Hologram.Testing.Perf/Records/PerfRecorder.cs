using System.Text;
using Hologram.Testing.Reports;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Perf.Records;

/// <summary>
/// Writes a measurement: one line appended to <c>reports/perf/&lt;name&gt;.csv</c>, the latest record with its raw
/// samples to <c>reports/perf/samples/</c>, <c>cache_profiles.json</c> when a cold profile exists, then the sinks.
/// </summary>
internal static class PerfRecorder
{
    public static void Record(PerfResult result, string reportsDir, string runId)
    {
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

    /// <summary>Appends one line under an exclusive lock (other test processes append to the same file), with the header first in a new file.</summary>
    public static void AppendCsv(string path, PerfCsvRow row)
    {
        using var stream = FileLock.Open(path, FileMode.Append, FileAccess.Write);
        var text = (stream.Length == 0 ? PerfCsvRow.Header + "\n" : string.Empty) + row.ToLine() + "\n";
        stream.Write(Encoding.UTF8.GetBytes(text));
    }
}
