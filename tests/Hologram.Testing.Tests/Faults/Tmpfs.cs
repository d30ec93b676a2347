using System.Diagnostics;

namespace Hologram.Testing.Tests.Faults;

/// <summary>A small tmpfs mounted for one test (a real "disk full" or read-only file system); unmounted on dispose.</summary>
internal sealed class Tmpfs : IDisposable
{
    private static readonly Lazy<string?> Unavailable = new(Probe);

    private Tmpfs(string path) => Path = path;

    /// <summary>Why no tmpfs can be mounted here (not root, no mount permission), or null when it can.</summary>
    public static string? UnavailableReason => Unavailable.Value;

    public string Path { get; }

    public static Tmpfs Mount(string path, int kilobytes)
    {
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kilobytes}k", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Changes the size or read-only state of the mounted file system, e.g. <c>size=65536k</c> or <c>ro</c>.</summary>
    public void Remount(string options) => Run("mount", "-o", "remount," + options, Path);

    public void Dispose() => Run("umount", "-l", Path);

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "tmpfs mounts need Linux";
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hologram-tmpfs-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var mount = Mount(path, 64);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN): " + e.Message;
        }
        finally
        {
            try
            {
                Directory.Delete(path);
            }
            catch (IOException)
            {
                // best effort
            }
        }
    }

    private static void Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {error.Trim()}");
        }
    }
}

/// <summary>A fact that needs to mount a tmpfs; skipped with the reason when this machine cannot.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (Tmpfs.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
