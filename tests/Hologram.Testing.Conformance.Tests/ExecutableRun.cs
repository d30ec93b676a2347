namespace Hologram.Testing.Conformance.Tests;

/// <summary>
/// How a fixture that is a Microsoft Testing Platform executable (TUnit: <c>dotnet test</c> refuses it while the
/// repository's <c>global.json</c> keeps VSTest mode) runs a scenario: the built program with a TRX report, the
/// category filter as a tree-node filter, and its exit codes and report read like those of <c>dotnet test</c>.
/// </summary>
internal static class ExecutableRun
{
    private const string SkippedPrefix = "Skipped: ";

    /// <summary>The TRX path as the platform writes it: it replaces <c>@</c> in a file name (<c>main@1.79.0</c>) with <c>_</c>.</summary>
    public static string TrxPath(string trx) =>
        Path.Combine(Path.GetDirectoryName(trx)!, Path.GetFileName(trx).Replace('@', '_'));

    /// <summary>The command line of one scenario run: <c>dotnet &lt;fixture&gt;.dll</c> with TRX output at <paramref name="trx"/>.</summary>
    public static List<string> Arguments(AdapterFixture adapter, string project, string trx, string? filter)
    {
        var arguments = new List<string>
        {
            Path.Combine(project, "bin", "Release", "net10.0", adapter.Project + ".dll"),
            "--report-trx",
            "--report-trx-filename", Path.GetFileName(trx),
            "--results-directory", Path.GetDirectoryName(trx)!,
        };
        if (filter is not null)
        {
            arguments.AddRange(["--treenode-filter", TreeNodeFilter(filter)]);
        }

        return arguments;
    }

    /// <summary>
    /// The tree-node filter that selects what a VSTest category filter does: <c>Category=A|Category=B</c> becomes
    /// <c>/**[(Category=A)|(Category=B)]</c> (TUnit shows each category as a <c>Category</c> property).
    /// </summary>
    public static string TreeNodeFilter(string filter) =>
        "/**[" + string.Join("|", filter.Split('|').Select(term => "(" + term.Trim() + ")")) + "]";

    /// <summary>The platform's "some tests failed" (2) as <c>dotnet test</c>'s 1; every other code as it is.</summary>
    public static int ExitCode(int exitCode) => exitCode == 2 ? 1 : exitCode;

    /// <summary>The skip reason of a platform TRX result (its debug trace reads <c>Skipped: &lt;reason&gt;</c>), or null.</summary>
    public static string? SkipReason(string? debugTrace) =>
        debugTrace is not null && debugTrace.StartsWith(SkippedPrefix, StringComparison.Ordinal) ? debugTrace[SkippedPrefix.Length..] : debugTrace;

    /// <summary>
    /// What stands before a run warning in the output: the package's MSBuild warning after <c>dotnet test</c>; an
    /// executable writes the warning itself to its standard error.
    /// </summary>
    public static string WarningPrefix(string adapter) =>
        AdapterFixture.Named(adapter).RunsAsExecutable ? string.Empty : "warning HOLOGRAM0003: ";
}
