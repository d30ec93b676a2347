using System.Text;
using System.Text.Json;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.History.Spool;

/// <summary>
/// Loads spool files into a store exactly once: each file not held by a writer is replayed (idempotently, so an
/// interrupted ingest can simply run again) and then deleted. A line that cannot be loaded (not JSON, or a record the
/// store would refuse, e.g. an attempt without a test id) never blocks the rest: it is set aside, with the reason, in
/// <c>&lt;spool&gt;/rejected/&lt;file&gt;</c>, and everything valid is loaded.
/// </summary>
public static class SpoolIngestor
{
    /// <summary>The folder inside the spool directory where lines that cannot be loaded are set aside.</summary>
    public const string RejectedDirectoryName = "rejected";

    private const int BatchSize = 1000;

    /// <summary>Replays every <c>*.jsonl</c> file in <paramref name="spoolDirectory"/> that no writer holds, then deletes it.</summary>
    /// <param name="store">The store to load into.</param>
    /// <param name="spoolDirectory">The spool directory, normally <c>&lt;ReportsDir&gt;/spool</c>; a missing directory loads nothing.</param>
    /// <param name="cancellationToken">Cancels between records; files not finished stay for the next ingest.</param>
    /// <returns>What was loaded.</returns>
    public static Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken = default) =>
        IngestExceptAsync(store, spoolDirectory, exclude: null, cancellationToken);

    internal static async Task<SpoolIngestResult> IngestExceptAsync(IHistoryStore store, string spoolDirectory, string? exclude, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(spoolDirectory);
        var total = new SpoolIngestResult();
        if (!Directory.Exists(spoolDirectory))
        {
            return total;
        }

        var excluded = exclude is null ? null : Path.GetFullPath(exclude);
        foreach (var file in Directory.EnumerateFiles(spoolDirectory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            if (excluded is not null && string.Equals(Path.GetFullPath(file), excluded, StringComparison.Ordinal))
            {
                continue;
            }

            FileStream stream;
            try
            {
                // FileShare.None fails while a writer holds the file (it shares Read only): that run is still going.
                stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (FileNotFoundException)
            {
                continue; // another ingest took it
            }
            catch (IOException)
            {
                total = total with { FilesInUse = total.FilesInUse + 1 };
                continue;
            }

            await using (stream.ConfigureAwait(false))
            {
                var one = await ReplayAsync(store, stream, file, cancellationToken).ConfigureAwait(false);
                total = total with
                {
                    Files = total.Files + 1,
                    Runs = total.Runs + one.Runs,
                    Attempts = total.Attempts + one.Attempts,
                    Flakes = total.Flakes + one.Flakes,
                    PerfMeasurements = total.PerfMeasurements + one.PerfMeasurements,
                    UnreadableLines = total.UnreadableLines + one.UnreadableLines,
                    Rejected = total.Rejected + one.Rejected,
                    RejectedFiles = one.RejectedFiles.Count == 0 ? total.RejectedFiles : [.. total.RejectedFiles, .. one.RejectedFiles],
                    Collisions = total.Collisions + one.Collisions,
                    CollisionFiles = [.. total.CollisionFiles.Union(one.CollisionFiles, StringComparer.Ordinal)],
                };

                // Deleted while still held exclusively, after everything reached the store.
                File.Delete(file);
            }
        }

        return total;
    }

    private static async Task<SpoolIngestResult> ReplayAsync(IHistoryStore store, FileStream stream, string file, CancellationToken ct)
    {
        int runs = 0, attempts = 0, flakes = 0, perf = 0, unreadable = 0, rejected = 0, number = 0, collisions = 0;
        var collisionFiles = new SortedSet<string>(StringComparer.Ordinal);
        var spoolDirectory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var setAside = new List<RejectedLine>();
        var pendingAttempts = new List<TestAttempt>(BatchSize);
        var pendingFlakes = new List<FlakeEvent>();
        var pendingPerf = new List<PerfHistoryEntry>();
        var ends = new List<(string RunId, DateTimeOffset At)>();

        async Task FlushAsync()
        {
            if (pendingAttempts.Count > 0)
            {
                var collided = await store.AppendAttemptsReportingCollisionsAsync(pendingAttempts.ToArray(), ct).ConfigureAwait(false);
                if (collided.Count > 0)
                {
                    // Kept before the spool file is deleted: a result another one displaced in the store is never lost.
                    collisionFiles.UnionWith(CollisionLog.Append(spoolDirectory, collided));
                    collisions += collided.Count;
                }

                attempts += pendingAttempts.Count;
                pendingAttempts.Clear();
            }

            if (pendingFlakes.Count > 0)
            {
                await store.AddFlakesAsync(pendingFlakes.ToArray(), ct).ConfigureAwait(false);
                flakes += pendingFlakes.Count;
                pendingFlakes.Clear();
            }

            if (pendingPerf.Count > 0)
            {
                await store.AppendPerfAsync(pendingPerf.ToArray(), ct).ConfigureAwait(false);
                perf += pendingPerf.Count;
                pendingPerf.Clear();
            }
        }

        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } read)
        {
            number++;
            // NUL bytes mark where a writer had reserved a line it never wrote (a crash, or a full disk: see
            // SpoolWriter); the records on either side of them are whole, and are read one by one.
            foreach (var line in read.Contains('\0', StringComparison.Ordinal) ? read.Split('\0', StringSplitOptions.RemoveEmptyEntries) : [read])
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                await ReplayLineAsync(line).ConfigureAwait(false);
            }
        }

        async Task ReplayLineAsync(string line)
        {
            SpoolRecord? record;
            try
            {
                record = JsonSerializer.Deserialize<SpoolRecord>(line, HistoryJson.Options);
            }
            catch (JsonException e)
            {
                // A crash mid-write leaves a partial last line (it never reached the store either); anything else is
                // damage. Either way the line is kept aside, never silently dropped.
                unreadable++;
                setAside.Add(new RejectedLine(number, "not a readable spool record: " + HistoryStoreException.OneLine(e.Message), line));
                return;
            }

            var problem = record is null ? "an empty record" : SpoolRecordCheck.Problem(record);
            if (problem is not null)
            {
                rejected++;
                setAside.Add(new RejectedLine(number, problem, line));
                return;
            }

            switch (record)
            {
                case { Type: SpoolRecord.RunType, Run: { } run }:
                    await FlushAsync().ConfigureAwait(false);
                    await store.BeginRunAsync(run, ct).ConfigureAwait(false);
                    runs++;
                    break;
                case { Type: SpoolRecord.AttemptType, Attempt: { } attempt }:
                    pendingAttempts.Add(attempt);
                    if (pendingAttempts.Count >= BatchSize)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }

                    break;
                case { Type: SpoolRecord.FlakeType, Flake: { } flake }:
                    pendingFlakes.Add(flake);
                    break;
                case { Type: SpoolRecord.PerfType, Perf: { } measurement }:
                    pendingPerf.Add(measurement);
                    break;
                case { Type: SpoolRecord.EndType, RunId: { } runId, EndedAt: { } endedAt }:
                    ends.Add((runId, endedAt));
                    break;
            }
        }

        await FlushAsync().ConfigureAwait(false);
        foreach (var (runId, at) in ends)
        {
            await store.EndRunAsync(runId, at, ct).ConfigureAwait(false);
        }

        // Written before the spool file is deleted: a crash in between leaves both, and the next ingest writes the
        // rejected lines again (the side file is appended to, and reading it is for people, not for loading).
        var rejectedFiles = setAside.Count == 0 ? [] : new[] { await SetAsideAsync(file, setAside, ct).ConfigureAwait(false) };
        return new SpoolIngestResult
        {
            Runs = runs, Attempts = attempts, Flakes = flakes, PerfMeasurements = perf, UnreadableLines = unreadable, Rejected = rejected, RejectedFiles = rejectedFiles,
            Collisions = collisions, CollisionFiles = [.. collisionFiles],
        };
    }

    private static async Task<string> SetAsideAsync(string file, List<RejectedLine> lines, CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, RejectedDirectoryName);
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, Path.GetFileName(file));
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            text.Append(JsonSerializer.Serialize(line, HistoryJson.Options)).Append('\n');
        }

        var stream = new FileStream(target, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), ct).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }

        return target;
    }

    /// <summary>One line set aside: where it was, why, and the line itself.</summary>
    private sealed record RejectedLine(int Line, string Reason, string Record);
}
