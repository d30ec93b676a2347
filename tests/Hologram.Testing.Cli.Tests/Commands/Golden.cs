using System.Runtime.CompilerServices;
using System.Text;
using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

/// <summary>
/// Golden-file checks: the expected output lives in <c>Golden/&lt;name&gt;</c> beside this file. With
/// <c>HOLOGRAM_UPDATE_GOLDEN=1</c> the files are rewritten from the actual output; a mismatch shows the differing lines.
/// </summary>
internal static class Golden
{
    public const string UpdateVariable = "HOLOGRAM_UPDATE_GOLDEN";

    public static void Verify(string name, string actual, [CallerFilePath] string callerFile = "")
    {
        var path = Path.Combine(SourceDirectory(callerFile), "Golden", name);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (System.Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        if (!File.Exists(path))
        {
            Assert.Fail($"golden file {path} does not exist; run the tests with {UpdateVariable}=1 to create it, review it and commit it");
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (expected != actual)
        {
            Assert.Fail($"output differs from golden file {path} (rewrite with {UpdateVariable}=1 after review):\n{Diff(expected, actual)}");
        }
    }

    /// <summary>
    /// The folder of the calling source file. Deterministic CI builds map source paths to <c>/_/</c>; those are mapped
    /// back onto the repository found above the test assembly.
    /// </summary>
    private static string SourceDirectory(string callerFile)
    {
        var directory = Path.GetDirectoryName(callerFile)!;
        if (Directory.Exists(directory))
        {
            return directory;
        }

        var mapped = callerFile.Replace('\\', '/');
        if (mapped.StartsWith("/_/", StringComparison.Ordinal))
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Hologram.Testing.sln")))
                {
                    return Path.GetDirectoryName(Path.Combine(dir.FullName, mapped[3..]))!;
                }
            }
        }

        return directory;
    }

    /// <summary>The differing lines, numbered, as <c>- expected</c> / <c>+ actual</c> pairs (at most 30).</summary>
    public static string Diff(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var text = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(e.Length, a.Length) && shown < 30; i++)
        {
            var left = i < e.Length ? e[i] : null;
            var right = i < a.Length ? a[i] : null;
            if (left == right)
            {
                continue;
            }

            text.Append("line ").Append(i + 1).Append(":\n");
            text.Append("  - ").Append(left ?? "(no line)").Append('\n');
            text.Append("  + ").Append(right ?? "(no line)").Append('\n');
            shown++;
        }

        return text.ToString();
    }
}
