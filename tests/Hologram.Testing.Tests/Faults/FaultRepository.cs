using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// A temporary repository for the fault-injection tests: the environment its child processes (suite runs and the
/// <c>hologram</c> tool) see, its store and reports directory. Deleted on dispose.
/// </summary>
internal sealed class FaultRepository : IDisposable
{
    private static readonly string StoreWriter = Metadata("StoreWriterPath");
    private static readonly string Cli = Metadata("HologramCliPath");

    public FaultRepository(string? store = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "hologram-fault-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
        Store = store ?? "sqlite:" + Path.Combine(Root, "reports", "hologram.db");
        ReportsDir = Path.Combine(Root, "reports");
    }

    public string Root { get; }

    /// <summary>The <c>Store</c> setting of every child.</summary>
    public string Store { get; set; }

    /// <summary>The <c>ReportsDir</c> setting of every child (the journal is <c>&lt;ReportsDir&gt;/spool/&lt;runId&gt;.jsonl</c>).</summary>
    public string ReportsDir { get; set; }

    public string SpoolDir => Path.Combine(ReportsDir, "spool");

    public string SqlitePath => Store.StartsWith("sqlite:", StringComparison.Ordinal) ? Store["sqlite:".Length..] : throw new InvalidOperationException("not a SQLite store: " + Store);

    /// <summary>Spool files waiting to be loaded (not the set-aside ones under <c>rejected/</c>).</summary>
    public string[] SpoolFiles => Directory.Exists(SpoolDir) ? Directory.GetFiles(SpoolDir, "*.jsonl") : [];

    /// <summary>Runs a suite of <paramref name="tests"/> tests in a child test host; kills it (SIGKILL) once it reported <paramref name="killAfter"/> tests.</summary>
    public Task<SuiteResult> RunSuiteAsync(int tests, int flakyEvery = 10, int delayMs = 0, int? killAfter = null, Func<int, Task>? onRan = null, TimeSpan? timeout = null) =>
        SuiteChild.RunAsync(Start(StoreWriter, "run", Root, Text(tests), Text(delayMs), Text(flakyEvery)), new SuitePlan(tests, flakyEvery), killAfter, onRan, timeout ?? TimeSpan.FromMinutes(3));

    /// <summary>Runs the <c>hologram</c> tool as its own process in the repository.</summary>
    public async Task<(int ExitCode, string Out, string Err)> HologramAsync(params string[] args)
    {
        using var process = Start(Cli, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory (e.g. a mount point still busy) must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private Process Start(string dll, params string[] args)
    {
        Assert.True(File.Exists(dll), $"child not built: {dll}");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Only what the test sets: nothing of the test host's own HOLOGRAM_* or CI variables leaks into the child.
        foreach (var key in info.Environment.Keys.ToArray())
        {
            if (key.StartsWith("HOLOGRAM", StringComparison.OrdinalIgnoreCase) || key is "CI" or "GITHUB_ACTIONS" or "TF_BUILD" or "GITLAB_CI")
            {
                info.Environment.Remove(key);
            }
        }

        info.Environment["HOLOGRAM_PROFILE"] = "dev";
        info.Environment["HOLOGRAM__RETRIES"] = "1";
        info.Environment["HOLOGRAM_COMMIT"] = "fa17";
        info.Environment["HOLOGRAM_STORE"] = Store;
        info.Environment["HOLOGRAM_REPORTS_DIR"] = ReportsDir;
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return Process.Start(info)!;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Metadata(string key) =>
        typeof(FaultRepository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
