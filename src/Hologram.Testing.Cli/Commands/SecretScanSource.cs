using System.Diagnostics;
using System.Text;

namespace Hologram.Testing.Cli.Commands;

/// <summary>The texts <c>hologram secrets scan</c> looks at: files under the given paths, or the staged versions of the files a commit would change.</summary>
internal static class SecretScanSource
{
    private const int BinaryProbeBytes = 8000;
    private const long MaxFileBytes = 20 * 1024 * 1024;
    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git", "node_modules", ".vs" };

    /// <summary>
    /// Files (recursively for directories, skipping bin, obj and .git) as display path and full path. Inside a git work
    /// tree a directory yields the files git tracks or would track (ignored files, such as restored packages and build
    /// output, are not the repository's content); elsewhere every file.
    /// </summary>
    public static IEnumerable<(string Display, string FullPath)> Files(string root, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path, root);
            if (File.Exists(full))
            {
                yield return (Display(root, full), full);
            }
            else if (Directory.Exists(full))
            {
                foreach (var file in GitListed(full) ?? Walk(full))
                {
                    yield return (Display(root, file), file);
                }
            }
            else
            {
                throw new FileNotFoundException($"'{path}' does not exist");
            }
        }
    }

    /// <summary>The text of a file, or null when it is binary or too large to be source.</summary>
    public static string? ReadText(byte[] bytes)
    {
        if (bytes.Length > MaxFileBytes || bytes.AsSpan(0, Math.Min(bytes.Length, BinaryProbeBytes)).Contains((byte)0))
        {
            return null;
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The staged (index) content of every added, copied, modified or renamed file.</summary>
    public static IEnumerable<(string Display, byte[] Content)> Staged(string root)
    {
        var names = Git(root, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z");
        foreach (var name in Encoding.UTF8.GetString(names).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (name.Split('/').Any(SkippedDirectories.Contains))
            {
                continue;
            }

            yield return (name, Git(root, "show", ":" + name));
        }
    }

    private static List<string>? GitListed(string directory)
    {
        try
        {
            var listed = Git(directory, "ls-files", "--cached", "--others", "--exclude-standard", "-z", "--full-name", ".");
            var top = Encoding.UTF8.GetString(Git(directory, "rev-parse", "--show-toplevel")).Trim();
            return Encoding.UTF8.GetString(listed)
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Where(name => !name.Split('/').Any(SkippedDirectories.Contains))
                .Select(name => Path.GetFullPath(Path.Combine(top, name)))
                .Where(File.Exists)
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null; // not a git work tree, or no git: walk the directory
        }
    }

    private static IEnumerable<string> Walk(string directory)
    {
        var pending = new Stack<string>();
        pending.Push(directory);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(current).Order(StringComparer.Ordinal))
            {
                yield return file;
            }

            foreach (var sub in Directory.EnumerateDirectories(current).OrderDescending(StringComparer.Ordinal))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    private static string Display(string root, string full)
    {
        var relative = Path.GetRelativePath(root, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) ? full : relative).Replace('\\', '/');
    }

    private static byte[] Git(string root, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        using var output = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var message = error.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {message.Trim()}");
        }

        return output.ToArray();
    }
}
