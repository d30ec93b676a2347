namespace Hologram.Testing.History;

/// <summary>
/// Reads the checked-out commit and branch straight from a repository's <c>.git</c> files (<c>HEAD</c>, loose refs,
/// <c>packed-refs</c>; a worktree's or submodule's <c>.git</c> file pointing elsewhere), which costs a few file reads
/// instead of starting <c>git</c> twice per test process. Returns null for anything it does not recognise, and the
/// caller falls back to <c>git rev-parse</c>.
/// </summary>
internal static class GitHead
{
    /// <summary>The commit (40 or 64 hex digits) and branch (null when detached) of the repository at <paramref name="root"/>, or null.</summary>
    public static (string Commit, string? Branch)? Read(string root)
    {
        try
        {
            if (GitDirectory(root) is not { } gitDir || !File.Exists(Path.Combine(gitDir, "HEAD")))
            {
                return null;
            }

            var head = File.ReadAllText(Path.Combine(gitDir, "HEAD")).Trim();
            if (IsObjectId(head))
            {
                return (head, null);
            }

            if (!head.StartsWith("ref: ", StringComparison.Ordinal))
            {
                return null;
            }

            var reference = head["ref: ".Length..].Trim();
            var branch = reference.StartsWith("refs/heads/", StringComparison.Ordinal) ? reference["refs/heads/".Length..] : null;
            // Refs of a linked worktree live in the main repository (its "commondir").
            var common = File.Exists(Path.Combine(gitDir, "commondir"))
                ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(Path.Combine(gitDir, "commondir")).Trim()))
                : gitDir;
            return Resolve(gitDir, common, reference) is { } commit ? (commit, branch) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? GitDirectory(string root)
    {
        var dotGit = Path.Combine(root, ".git");
        if (Directory.Exists(dotGit))
        {
            return dotGit;
        }

        if (!File.Exists(dotGit))
        {
            return null;
        }

        var line = File.ReadAllText(dotGit).Trim();
        return line.StartsWith("gitdir: ", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(root, line["gitdir: ".Length..].Trim()))
            : null;
    }

    private static string? Resolve(string gitDir, string common, string reference)
    {
        foreach (var dir in gitDir == common ? [gitDir] : new[] { gitDir, common })
        {
            var loose = Path.Combine(dir, reference.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose))
            {
                var text = File.ReadAllText(loose).Trim();
                return IsObjectId(text) ? text : null;
            }
        }

        var packed = Path.Combine(common, "packed-refs");
        if (!File.Exists(packed))
        {
            return null;
        }

        foreach (var line in File.ReadLines(packed))
        {
            // "<sha> <ref>"; comments start with '#', peeled tags with '^'.
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && line.AsSpan(space + 1).Trim().SequenceEqual(reference) && IsObjectId(line[..space]))
            {
                return line[..space];
            }
        }

        return null;
    }

    private static bool IsObjectId(string text) =>
        text.Length is 40 or 64 && text.All(char.IsAsciiHexDigitLower);
}
