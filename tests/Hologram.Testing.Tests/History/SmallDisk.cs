using System.Diagnostics;

namespace Hologram.Testing.Tests.History;

/// <summary>
/// A real, small file system (tmpfs) mounted in a temporary folder, so that writes fail with "No space left on device"
/// exactly as on a full CI disk. Needs Linux and root (CI runs as root); unmounted on dispose.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>Why a small disk cannot be mounted here, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Mounts a tmpfs of <paramref name="kib"/> KiB.</summary>
    public static SmallDisk Mount(int kib)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hologram-disk-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kib}k", "tmpfs", path);
        return new SmallDisk(path);
    }

    /// <summary>Fills the disk with a file until a write fails, then frees <paramref name="leaveBytes"/>.</summary>
    /// <returns>The filler file (delete it to free the disk).</returns>
    public string Fill(int leaveBytes)
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var stream = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                stream.Write(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }

        stream.SetLength(Math.Max(0, stream.Position - leaveBytes));
        return filler;
    }

    public void Dispose()
    {
        try
        {
            Run("umount", "-l", Path);
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception)
        {
            // Best effort.
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "a small disk (tmpfs) needs Linux";
        }

        if (Environment.UserName != "root")
        {
            return "mounting a small disk (tmpfs) needs root";
        }

        try
        {
            using var disk = Mount(64);
            return null;
        }
        catch (Exception e)
        {
            return "a small disk (tmpfs) cannot be mounted here: " + e.Message;
        }
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)}: exit {process.ExitCode}: {error.Trim()}");
        }
    }
}

/// <summary>A fact that needs <see cref="SmallDisk"/>; skipped with the reason elsewhere, but never under <c>CI=true</c>.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.Unavailable is { } reason && !PostgresTestServer.IsCi)
        {
            Skip = reason;
        }
    }
}
