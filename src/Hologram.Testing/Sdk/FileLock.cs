using System.Globalization;

namespace Hologram.Testing.Sdk;

/// <summary>
/// Opens a file with an exclusive lock (<see cref="FileShare.None"/>: an OS lock that other processes honour, released
/// if the holder dies), retrying while another holder has it: first after 1 ms, doubling up to 50 ms between tries, for
/// at most a time limit (<see cref="DefaultTimeout"/> unless the caller has its own), then failing with an
/// <see cref="IOException"/> that names the file.
/// </summary>
/// <remarks>
/// A reader that must not see a half-written file opens it with <see cref="OpenForReading"/>: the same wait, sharing
/// the file with other readers. The lock is void if file locking is disabled for .NET
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>).
/// </remarks>
public static class FileLock
{
    private const int FirstPauseMs = 1;
    private const int LongestPauseMs = 50;

    /// <summary>How long an open waits for other holders when the caller sets no limit: 10 seconds.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(10);

    /// <summary>Opens <paramref name="path"/> exclusively, waiting (blocking) while another holder has it.</summary>
    /// <param name="path">The file; its directory is created when missing.</param>
    /// <param name="mode">How to open it; <see cref="FileMode.OpenOrCreate"/> by default (a lock file).</param>
    /// <param name="access">The access wanted; read and write by default.</param>
    /// <param name="timeout">How long to wait for other holders; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="timeProvider">The clock for the pauses and the time limit; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The open, unbuffered stream; disposing it releases the lock.</returns>
    /// <exception cref="IOException">Another holder kept the file for longer than <paramref name="timeout"/>.</exception>
    public static FileStream Open(
        string path, FileMode mode = FileMode.OpenOrCreate, FileAccess access = FileAccess.ReadWrite, TimeSpan? timeout = null, TimeProvider? timeProvider = null) =>
        OpenCoreAsync(path, mode, access, FileShare.None, timeout, timeProvider, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Opens an existing <paramref name="path"/> for reading beside other readers and writers, waiting (blocking) while a holder of the exclusive lock has it.</summary>
    /// <param name="path">The file.</param>
    /// <param name="timeout">How long to wait for the exclusive holder; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="timeProvider">The clock for the pauses and the time limit; <see cref="TimeProvider.System"/> when null.</param>
    /// <returns>The open, unbuffered stream.</returns>
    /// <exception cref="IOException">The exclusive holder kept the file for longer than <paramref name="timeout"/>.</exception>
    public static FileStream OpenForReading(string path, TimeSpan? timeout = null, TimeProvider? timeProvider = null) =>
        OpenCoreAsync(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, timeout, timeProvider, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Opens <paramref name="path"/> exclusively, waiting (asynchronously) while another holder has it.</summary>
    /// <param name="path">The file; its directory is created when missing.</param>
    /// <param name="mode">How to open it; <see cref="FileMode.OpenOrCreate"/> by default (a lock file).</param>
    /// <param name="access">The access wanted; read and write by default.</param>
    /// <param name="timeout">How long to wait for other holders; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="timeProvider">The clock for the pauses and the time limit; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The open, unbuffered stream; disposing it releases the lock.</returns>
    /// <exception cref="IOException">Another holder kept the file for longer than <paramref name="timeout"/>.</exception>
    public static Task<FileStream> OpenAsync(
        string path,
        FileMode mode = FileMode.OpenOrCreate,
        FileAccess access = FileAccess.ReadWrite,
        TimeSpan? timeout = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        OpenCoreAsync(path, mode, access, FileShare.None, timeout, timeProvider, cancellationToken);

    private static async Task<FileStream> OpenCoreAsync(
        string path, FileMode mode, FileAccess access, FileShare share, TimeSpan? timeout, TimeProvider? timeProvider, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var limit = timeout ?? DefaultTimeout;
        var time = timeProvider ?? TimeProvider.System;
        var full = Path.GetFullPath(path);
        if (mode is not (FileMode.Open or FileMode.Truncate))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }

        var started = time.GetTimestamp();
        var pause = FirstPauseMs;
        while (true)
        {
            try
            {
                return new FileStream(full, mode, access, share, bufferSize: 1);
            }
            catch (Exception ex) when (IsHeldByAnother(ex))
            {
                if (time.GetElapsedTime(started) >= limit)
                {
                    throw new IOException(
                        string.Create(CultureInfo.InvariantCulture, $"Could not open '{full}' within {limit.TotalSeconds:0.###} s: another writer still holds its lock ({ex.Message})"),
                        ex);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(pause), time, cancellationToken).ConfigureAwait(false);
                pause = Math.Min(pause * 2, LongestPauseMs);
            }
        }
    }

    // A sharing violation is an IOException; a missing directory or an invalid path is not worth waiting for. Windows
    // reports a lock file that another process is creating as UnauthorizedAccessException: busy as well.
    private static bool IsHeldByAnother(Exception ex) =>
        ex is IOException and not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException or DriveNotFoundException)
        || (ex is UnauthorizedAccessException && OperatingSystem.IsWindows());
}
