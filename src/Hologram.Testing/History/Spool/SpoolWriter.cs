using Microsoft.Win32.SafeHandles;
using System.Text.Json;
using Hologram.Testing.History.Storage;

namespace Hologram.Testing.History.Spool;

/// <summary>
/// Appends history records to a spool file (<c>reports/spool/*.jsonl</c>), one JSON object per line. Every record is
/// handed to the OS at once (a crash of the process loses nothing written); <see cref="Sync"/> forces it to disk. The
/// file is held open with <see cref="FileShare.Read"/> so <see cref="SpoolIngestor"/> leaves it alone while in use.
/// Thread-safe.
/// </summary>
public sealed class SpoolWriter : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();
    private readonly FileStream stream;
    private readonly Lock gate = new();
    private bool disposed;

    private SpoolWriter(string path, FileStream stream)
    {
        Path = path;
        this.stream = stream;
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
        var stream = new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 16 * 1024);
        if (stream.Length > 0)
        {
            // A previous writer may have died mid-line: start on a fresh line so this record stays readable.
            stream.Write(NewLine);
            stream.Flush();
        }

        return new SpoolWriter(full, stream);
    }

    /// <summary>Appends the start of a run.</summary>
    /// <param name="run">The run.</param>
    public void WriteRun(RunInfo run) => Write(new SpoolRecord { Type = SpoolRecord.RunType, Run = run ?? throw new ArgumentNullException(nameof(run)) });

    /// <summary>Appends one attempt.</summary>
    /// <param name="attempt">The attempt.</param>
    public void WriteAttempt(TestAttempt attempt) => Write(new SpoolRecord { Type = SpoolRecord.AttemptType, Attempt = attempt ?? throw new ArgumentNullException(nameof(attempt)) });

    /// <summary>Appends one flake event.</summary>
    /// <param name="flake">The flake event.</param>
    public void WriteFlake(FlakeEvent flake) => Write(new SpoolRecord { Type = SpoolRecord.FlakeType, Flake = flake ?? throw new ArgumentNullException(nameof(flake)) });

    /// <summary>Appends the end of a run.</summary>
    /// <param name="runId">The run.</param>
    /// <param name="endedAt">When it ended.</param>
    public void WriteEnd(string runId, DateTimeOffset endedAt) => Write(new SpoolRecord { Type = SpoolRecord.EndType, RunId = runId ?? throw new ArgumentNullException(nameof(runId)), EndedAt = endedAt });

    /// <summary>Forces everything written so far to disk (fsync); call once per batch.</summary>
    /// <remarks>
    /// The fsync runs outside the writer's lock: every record is already in the OS, so appends go on while the disk
    /// catches up instead of stalling the test that records next.
    /// </remarks>
    public void Sync()
    {
        SafeFileHandle handle;
        var added = false;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            stream.Flush();
            handle = stream.SafeFileHandle;
            handle.DangerousAddRef(ref added);
        }

        try
        {
            RandomAccess.FlushToDisk(handle);
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
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            stream.Flush(flushToDisk: true);
            stream.Dispose();
        }
    }

    private void Write(SpoolRecord record)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(record, HistoryJson.Options);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            stream.Write(line);
            stream.Write(NewLine);
            stream.Flush();
        }
    }
}
