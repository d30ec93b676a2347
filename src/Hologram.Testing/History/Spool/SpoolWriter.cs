using System.Buffers;
using Microsoft.Win32.SafeHandles;
using System.Text.Json;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.History.Spool;

/// <summary>
/// Appends history records to a spool file (<c>reports/spool/*.jsonl</c>), one JSON object per line. Every record is
/// handed to the OS at once (a crash of the process loses nothing written); <see cref="Sync"/> forces it to disk. The
/// file is held open with <see cref="FileShare.Read"/> so <see cref="SpoolIngestor"/> leaves it alone while in use.
/// Thread-safe and lock-free: each line reserves its place at the end of the file and is written there with one
/// positioned write, so threads recording at once never wait for each other. A crash between the two leaves a run of
/// NUL bytes where the line in flight was; readers skip them.
/// </summary>
public sealed class SpoolWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    // Each recording thread serializes into its own reusable buffer: no allocation per record, no lock while serializing.
    [ThreadStatic]
    private static LineBuffer? t_line;
    private readonly SafeFileHandle handle;
    private long end;
    private int disposed;

    private SpoolWriter(string path, SafeFileHandle handle, long end)
    {
        Path = path;
        this.handle = handle;
        this.end = end;
    }

    /// <summary>The spool file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating the directory and file when missing) <paramref name="path"/> for appending.</summary>
    /// <param name="path">The spool file, e.g. <c>reports/spool/&lt;runId&gt;.jsonl</c>.</param>
    /// <returns>The writer.</returns>
    public static SpoolWriter Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var handle = File.OpenHandle(full, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        try
        {
            var length = RandomAccess.GetLength(handle);
            if (length > 0)
            {
                // A previous writer may have died mid-line: start on a fresh line so this record stays readable.
                RandomAccess.Write(handle, NewLine, length);
                length += NewLine.Length;
            }

            return new SpoolWriter(full, handle, length);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Appends the start of a run.</summary>
    /// <param name="run">The run.</param>
    public void WriteRun(RunInfo run)
    {
        ArgumentNullException.ThrowIfNull(run);
        WriteLine((t_line ??= new LineBuffer()).Serialize(run));
    }

    /// <summary>Appends one attempt.</summary>
    /// <param name="attempt">The attempt.</param>
    public void WriteAttempt(TestAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        WriteLine((t_line ??= new LineBuffer()).Serialize(attempt));
    }

    /// <summary>Appends one flake event.</summary>
    /// <param name="flake">The flake event.</param>
    public void WriteFlake(FlakeEvent flake) => Write(new SpoolRecord { Type = SpoolRecord.FlakeType, Flake = flake ?? throw new ArgumentNullException(nameof(flake)) });

    /// <summary>Appends one perf measurement.</summary>
    /// <param name="entry">The measurement.</param>
    public void WritePerf(PerfHistoryEntry entry) => Write(new SpoolRecord { Type = SpoolRecord.PerfType, Perf = entry ?? throw new ArgumentNullException(nameof(entry)) });

    /// <summary>Appends the end of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="endedAt">When it ended.</param>
    public void WriteEnd(string runId, DateTimeOffset endedAt)
    {
        ArgumentNullException.ThrowIfNull(runId);
        WriteLine((t_line ??= new LineBuffer()).SerializeEnd(runId, endedAt));
    }

    /// <summary>Forces everything written so far to disk (fsync); call once per batch.</summary>
    /// <remarks>Appends go on while the disk catches up: every record is already in the OS.</remarks>
    public void Sync()
    {
        if (Volatile.Read(ref disposed) != 0)
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            RandomAccess.FlushToDisk(handle);
        }
        catch (ObjectDisposedException)
        {
            // Closed meanwhile: Dispose synced it.
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    /// <summary>Syncs and closes the file.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        try
        {
            RandomAccess.FlushToDisk(handle);
        }
        finally
        {
            handle.Dispose();
        }
    }

    private void Write(SpoolRecord record) => WriteLine((t_line ??= new LineBuffer()).Serialize(record));

    private void WriteLine(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        // One positioned write to the OS per record (line and newline together), at a place reserved for it alone.
        var at = Interlocked.Add(ref end, bytes.Length) - bytes.Length;
        RandomAccess.Write(handle, bytes, at);
    }

    // Thread-static and reused for the life of the thread; the writer holds managed memory only (nothing to dispose).
#pragma warning disable CA1001
    private sealed class LineBuffer
#pragma warning restore CA1001
    {
        private const int KeepAtMost = 64 * 1024;
        private ArrayBufferWriter<byte> buffer = new(1024);
        private Utf8JsonWriter? writer;

        // The outcome names as the serializer writes them (camelCase strings).
        private static readonly JsonEncodedText[] OutcomeNames = Enum.GetValues<TestOutcome>()
            .Select(o => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(o.ToString())))
            .ToArray();

        public ReadOnlySpan<byte> Serialize(SpoolRecord record)
        {
            var json = Begin();
            JsonSerializer.Serialize(json, record, HistoryJson.WriteOptions);
            return End(json);
        }

        /// <summary>
        /// The attempt line, written field by field: the same bytes as the serializer writes for a
        /// <see cref="SpoolRecord"/> holding the attempt, at a fraction of the cost (one line per test).
        /// </summary>
        public ReadOnlySpan<byte> Serialize(TestAttempt attempt)
        {
            var json = Begin();
            json.WriteStartObject();
            json.WriteString("type"u8, SpoolRecord.AttemptType);
            json.WriteStartObject("attempt"u8);
            json.WriteString("runId"u8, attempt.RunId);
            json.WriteString("testId"u8, attempt.TestId);
            json.WriteString("displayName"u8, attempt.DisplayName);
            json.WriteString("className"u8, attempt.ClassName);
            if (attempt.Categories is { } categories)
            {
                json.WriteStartArray("categories"u8);
                foreach (var category in categories)
                {
                    json.WriteStringValue(category);
                }

                json.WriteEndArray();
            }

            json.WriteNumber("attempt"u8, attempt.Attempt);
            var outcome = (int)attempt.Outcome;
            if ((uint)outcome < (uint)OutcomeNames.Length && Enum.IsDefined(attempt.Outcome))
            {
                json.WriteString("outcome"u8, OutcomeNames[outcome]);
            }
            else
            {
                json.WriteNumber("outcome"u8, outcome);
            }

            json.WriteNumber("durationMs"u8, attempt.DurationMs);
            json.WriteBoolean("isFinal"u8, attempt.IsFinal);
            json.WriteBoolean("quarantined"u8, attempt.Quarantined);
            if (attempt.ErrorMessage is { } message)
            {
                json.WriteString("errorMessage"u8, message);
            }

            if (attempt.ErrorSignature is { } signature)
            {
                json.WriteString("errorSignature"u8, signature);
            }

            json.WriteString("finishedAt"u8, attempt.FinishedAt);
            json.WriteEndObject();
            json.WriteEndObject();
            return End(json);
        }

        /// <summary>
        /// The run line (the journal's first), field by field like <see cref="Serialize(TestAttempt)"/>: the serializer's
        /// first use builds its metadata for every record type, which every test process paid before its first test.
        /// </summary>
        public ReadOnlySpan<byte> Serialize(RunInfo run)
        {
            var json = Begin();
            json.WriteStartObject();
            json.WriteString("type"u8, SpoolRecord.RunType);
            json.WriteStartObject("run"u8);
            json.WriteString("runId"u8, run.RunId);
            WriteIfSet(json, "buildId"u8, run.BuildId);
            WriteIfSet(json, "commit"u8, run.Commit);
            WriteIfSet(json, "branch"u8, run.Branch);
            json.WriteString("profile"u8, run.Profile);
            WriteIfSet(json, "shard"u8, run.Shard);
            json.WriteString("host"u8, run.Host);
            json.WriteString("framework"u8, run.Framework);
            json.WriteString("assembly"u8, run.Assembly);
            json.WriteString("startedAt"u8, run.StartedAt);
            if (run.EndedAt is { } ended)
            {
                json.WriteString("endedAt"u8, ended);
            }

            WriteIfSet(json, "ciProvider"u8, run.CiProvider);
            WriteIfSet(json, "ciUrl"u8, run.CiUrl);
            json.WriteEndObject();
            json.WriteEndObject();
            return End(json);
        }

        /// <summary>The end line, field by field (see <see cref="Serialize(RunInfo)"/>).</summary>
        public ReadOnlySpan<byte> SerializeEnd(string runId, DateTimeOffset endedAt)
        {
            var json = Begin();
            json.WriteStartObject();
            json.WriteString("type"u8, SpoolRecord.EndType);
            json.WriteString("runId"u8, runId);
            json.WriteString("endedAt"u8, endedAt);
            json.WriteEndObject();
            return End(json);
        }

        private static void WriteIfSet(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
        {
            if (value is not null)
            {
                json.WriteString(name, value);
            }
        }

        private Utf8JsonWriter Begin()
        {
            if (buffer.Capacity > KeepAtMost)
            {
                // One huge record (a long failure message) does not pin its buffer for the rest of the run.
                buffer = new ArrayBufferWriter<byte>(1024);
                writer = null;
            }

            buffer.ResetWrittenCount();
            if (writer is null)
            {
                writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = HistoryJson.Options.Encoder, SkipValidation = true });
            }
            else
            {
                writer.Reset(buffer);
            }

            return writer;
        }

        private ReadOnlySpan<byte> End(Utf8JsonWriter json)
        {
            json.Flush();
            buffer.Write(NewLine);
            return buffer.WrittenSpan;
        }
    }
}
