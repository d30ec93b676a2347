using System.Text;

namespace Hologram.Testing.Perf.Records;

/// <summary>
/// Writes a measurement: one line appended to <c>reports/perf/&lt;name&gt;.csv</c>, the latest record with its raw
/// samples to <c>reports/perf/samples/</c>, <c>cache_profiles.json</c> when a cold profile exists, then the sinks.
/// </summary>
internal static class PerfRecorder
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    public static void Record(PerfResult result, string reportsDir, string runId)
    {
        AppendCsv(PerfPaths.Csv(reportsDir, result.Name), PerfCsvRow.From(result, runId));
        PerfJson.WriteAtomically(PerfPaths.Latest(reportsDir, result.Name, result.Phase), result.ToRecord());
        if (result.Phase == PerfPhase.Cold || File.Exists(PerfPaths.Latest(reportsDir, result.Name, PerfPhase.Cold)))
        {
            WithLock(PerfPaths.CacheProfiles(reportsDir) + ".lock", () => CacheProfiles.Write(reportsDir));
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
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        WithRetry(() =>
        {
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.None);
            var text = (stream.Length == 0 ? PerfCsvRow.Header + "\n" : string.Empty) + row.ToLine() + "\n";
            stream.Write(Encoding.UTF8.GetBytes(text));
        });
    }

    private static void WithLock(string lockPath, Action action) => WithRetry(() =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lockPath)!);
        using var handle = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        action();
    });

    internal static void WithRetry(Action action)
    {
        var deadline = DateTime.UtcNow + LockTimeout;
        var delay = 1;
        while (true)
        {
            try
            {
                action();
                return;
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another process holds the file; wait a little and try again.
                Task.Delay(delay).GetAwaiter().GetResult();
                delay = Math.Min(delay * 2, 50);
            }
        }
    }
}
