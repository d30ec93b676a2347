using System.Text;
using System.Text.Json;
using Hologram.Testing.History.Storage;
using Hologram.Testing.Reports;

namespace Hologram.Testing.History.Spool;

/// <summary>
/// Keeps attempts the store did not take because another result is stored under the same run, test id and attempt
/// number: appended, one spool <c>attempt</c> record a line, to <c>&lt;spool&gt;/collisions/&lt;runId&gt;.jsonl</c>
/// (not loaded by an ingest, which reads the spool folder itself only).
/// </summary>
internal static class CollisionLog
{
    /// <summary>Appends <paramref name="attempts"/> to the side files of their runs and flushes them to disk; returns the files written.</summary>
    public static IReadOnlyList<string> Append(string spoolDirectory, IReadOnlyCollection<TestAttempt> attempts)
    {
        // The spool file's name: the run id made file-name-safe, wherever the spool directory is.
        var names = new ReportsLayout(spoolDirectory);
        var directory = Path.Combine(spoolDirectory, ReportsLayout.SpoolCollisionsFolder);
        var files = new List<string>();
        foreach (var run in attempts.GroupBy(a => a.RunId, StringComparer.Ordinal))
        {
            Directory.CreateDirectory(directory);
            var target = Path.Combine(directory, Path.GetFileName(names.SpoolFile(run.Key)));
            var text = new StringBuilder();
            foreach (var attempt in run)
            {
                text.Append(JsonSerializer.Serialize(new SpoolRecord { Type = SpoolRecord.AttemptType, Attempt = attempt }, HistoryJson.Options)).Append('\n');
            }

            using var stream = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.Read);
            stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
            stream.Flush(flushToDisk: true);
            files.Add(target);
        }

        return files;
    }
}
