using System.Xml.Linq;
using Hologram.Testing.History;
using Hologram.Testing.TestSupport;

namespace Hologram.Testing.Conformance.Tests;

/// <summary>
/// Packs Hologram and the three adapters once, builds each adapter's fixture project from the packages, and runs the
/// same scenarios through every adapter with <c>dotnet test</c> (adapters in parallel, scenarios in order):
/// <list type="bullet">
/// <item><c>main</c>: profile <c>pr</c> (NoCi skipped, 2 retries), one test quarantined beforehand and failing, one failing once,
/// one failing on every attempt, one skipped at run time;</item>
/// <item><c>release</c>: the quarantined test passes with <c>Flake:ReleaseAfter=1</c>, so the policy releases it;</item>
/// <item><c>shard1</c>/<c>shard2</c>: profile <c>dev</c>, <c>HOLOGRAM_SHARD=1/2</c> and <c>2/2</c>;</item>
/// <item><c>filter</c>: profile <c>dev</c>, <c>--filter "Category=Phase6Perf|Category=Phase8E2E"</c>;</item>
/// <item><c>retryoptions</c>: profile <c>dev</c>, retries limited to timeouts, one retry with a delay.</item>
/// </list>
/// The xUnit v3 fixture is also built as a Microsoft Testing Platform app and run as an executable with <c>--filter-trait</c>.
/// The compatibility matrix builds each fixture on the lowest and the highest supported version of its framework
/// (<see cref="Matrix"/>; the highest are the fixtures' own versions, so their <c>main</c> runs count) and runs the
/// <c>main</c> scenario on each, and builds each on a version below the supported range, which must fail the build.
/// </summary>
public sealed class ConformanceRuns : IAsyncLifetime
{
    public const string QuarantinedTest = "Conformance.FlakyTests.Quarantined";
    public const string Filter = "Category=Phase6Perf|Category=Phase8E2E";

    /// <summary>The scenario steps every fixture compiles in (tests/fixtures/ConformanceShared).</summary>
    public const string SharedFixture = "ConformanceShared";

    /// <summary>The framework versions the matrix runs the main scenario on besides the fixtures' own (the highest supported).</summary>
    public static readonly IReadOnlyList<(AdapterFixture Adapter, string Version)> Matrix =
    [
        (AdapterFixture.XunitV2, "2.5.0"),
        (AdapterFixture.XunitV3, "3.2.0"),
        (AdapterFixture.NUnit, "4.1.0"),
        (AdapterFixture.NUnit, "5.0.0"),
        (AdapterFixture.TUnit, "1.79.0"),
        (AdapterFixture.MSTest, "3.1.1"),
    ];

    /// <summary>A version below each adapter's supported range, and the one line its build must fail with.</summary>
    public static readonly IReadOnlyList<(AdapterFixture Adapter, string Version, string Line)> Unsupported =
    [
        (AdapterFixture.XunitV2, "2.4.2", "Hologram.Testing.Xunit supports xunit 2.5 to 2.9.x; this project uses xunit 2.4.2."),
        (AdapterFixture.XunitV3, "2.0.3", "Hologram.Testing.XunitV3 supports xunit.v3 3.x to 4.x; this project uses xunit.v3 2.0.3."),
        (AdapterFixture.NUnit, "3.14.0", "Hologram.Testing.NUnit supports NUnit 4.0 to 5.x; this project uses NUnit 3.14.0."),
        (AdapterFixture.MSTest, "2.2.10", "Hologram.Testing.MSTest supports MSTest 3.x to 4.x; this project uses MSTest 2.2.10."),
    ];

    // Matrix builds run two at a time beside the adapters' own runs (2 cores).
    private static readonly SemaphoreSlim MatrixSlots = new(2);

    private ConsumerWorkspace? _workspace;

    public Dictionary<(string Adapter, string Scenario), ScenarioRun> Runs { get; } = [];

    /// <summary>The quarantines and audit trail of each adapter's main store after the release run.</summary>
    public Dictionary<string, (IReadOnlyList<QuarantineEntry> Quarantined, IReadOnlyList<AuditEntry> Audit, IReadOnlyList<FlakeEvent> Flakes)> AfterRelease { get; } = [];

    public ScenarioRun? Mtp { get; private set; }

    /// <summary>The exit code and output of each unsupported version's build, by adapter and version.</summary>
    public Dictionary<(string Adapter, string Version), (int ExitCode, string Output)> UnsupportedBuilds { get; } = [];

    /// <summary>The scenario name of the main run on framework version <paramref name="version"/>.</summary>
    public static string MatrixScenario(string version) => "main@" + version;

    public ScenarioRun this[string adapter, string scenario] => Runs[(adapter, scenario)];

    public async Task InitializeAsync()
    {
        _workspace = await ConsumerWorkspace.CreateAsync(
            "Hologram.Testing", "Hologram.Testing.Xunit", "Hologram.Testing.XunitV3", "Hologram.Testing.NUnit", "Hologram.Testing.TUnit", "Hologram.Testing.MSTest");
        await Task.WhenAll(AdapterFixture.All.Select(RunAdapterAsync)
            .Append(RunMtpAsync())
            .Concat(Matrix.Select(m => InSlotAsync(() => RunMatrixAsync(m.Adapter, m.Version))))
            .Concat(Unsupported.Select(u => InSlotAsync(() => BuildUnsupportedAsync(u.Adapter, u.Version)))));
    }

    public Task DisposeAsync()
    {
        _workspace?.Dispose();
        return Task.CompletedTask;
    }

    private async Task RunAdapterAsync(AdapterFixture adapter)
    {
        var workspace = _workspace!;
        var project = workspace.CopyFixture(adapter.Project, null, SharedFixture);
        await workspace.ExpectAsync(project, "build", "-c", "Release");

        var mainStore = await RunMainAsync(adapter, project, "main");
        await RunAsync(adapter, project, "release", mainStore, new()
        {
            ["HOLOGRAM_PROFILE"] = "pr",
            ["HOLOGRAM__FLAKE__RELEASEAFTER"] = "1",
        });
        await using (var store = await HistoryStores.OpenAsync(mainStore, project))
        {
            AfterRelease[adapter.Name] = (
                await store.GetQuarantinedAsync(),
                await store.GetAuditAsync(QuarantinedTest),
                await store.GetFlakesAsync(DateTimeOffset.UtcNow.AddDays(-1)));
        }

        // Separate stores, so the selection scenarios run side by side.
        await Task.WhenAll(new[]
        {
            ("shard1", new Dictionary<string, string> { ["HOLOGRAM_SHARD"] = "1/2" }, (string?)null),
            ("shard2", new Dictionary<string, string> { ["HOLOGRAM_SHARD"] = "2/2" }, null),
            ("filter", new Dictionary<string, string>(), Filter.Replace("Category=", adapter.CategoryProperty + "=", StringComparison.Ordinal)),
            ("badconfig", new Dictionary<string, string> { ["HOLOGRAM__RETRIES"] = "many" }, null),
            ("retryoptions", RetryOptionsEnvironment(Path.Combine(workspace.Root, $"{adapter.Name}-retryoptions-state")), null),
        }.Select(s =>
        {
            s.Item2["HOLOGRAM_PROFILE"] = "dev";
            return RunAsync(adapter, project, s.Item1, "sqlite:" + Path.Combine(workspace.Root, $"{adapter.Name}-{s.Item1}.db"), s.Item2, s.Item3);
        }));

        // Alone and with its own reports directory: its spool must not reach the other scenarios' stores, and the
        // warnings file next to the test assembly is one run's.
        await RunStoreDownAsync(adapter, project);
    }

    /// <summary>
    /// The <c>retryoptions</c> scenario: 2 retries of failures whose exception is a <see cref="TimeoutException"/> only; the
    /// test that times out once waits its attribute's <c>DelayMs</c> of 400 before its retry.
    /// </summary>
    private static Dictionary<string, string> RetryOptionsEnvironment(string state) => new()
    {
        ["CONFORMANCE_RETRY_OPTIONS"] = "1",
        ["CONFORMANCE_STATE"] = state,
        ["HOLOGRAM__RETRIES"] = "2",
        ["HOLOGRAM__RETRY__EXCEPTIONTYPES"] = "System.TimeoutException",
    };

    /// <summary>The main scenario: one test quarantined beforehand, profile <c>pr</c>; returns the store it recorded into.</summary>
    private async Task<string> RunMainAsync(AdapterFixture adapter, string project, string scenario)
    {
        var workspace = _workspace!;
        var mainStore = "sqlite:" + Path.Combine(workspace.Root, $"{adapter.Name}-{scenario}.db");
        await using (var store = await HistoryStores.OpenAsync(mainStore, project))
        {
            await store.QuarantineAsync(new QuarantineEntry
            {
                TestId = QuarantinedTest,
                Since = DateTimeOffset.UtcNow.AddHours(-1),
                Reason = "2 flakes in 7 days (seeded)",
                By = "policy",
            });
        }

        var state = Path.Combine(workspace.Root, $"{adapter.Name}-{scenario}-state");
        await RunAsync(adapter, project, scenario, mainStore, new()
        {
            ["HOLOGRAM_PROFILE"] = "pr",
            ["CONFORMANCE_STATE"] = state,
            ["CONFORMANCE_FAIL_QUARANTINED"] = "1",
            ["CONFORMANCE_FAIL_ALWAYS"] = "1",
        });
        return mainStore;
    }

    /// <summary>The fixture of <paramref name="adapter"/> built on framework <paramref name="version"/>, through the main scenario.</summary>
    private async Task RunMatrixAsync(AdapterFixture adapter, string version)
    {
        var project = CopyFixtureOn(adapter, version);
        await _workspace!.ExpectAsync(project, "build", "-c", "Release");
        await RunMainAsync(adapter, project, MatrixScenario(version));
    }

    private async Task BuildUnsupportedAsync(AdapterFixture adapter, string version)
    {
        var project = CopyFixtureOn(adapter, version);
        var result = await DotnetCommand.RunAsync(project, null, ConsumerWorkspace.Slow, "build", "-c", "Release");
        lock (UnsupportedBuilds)
        {
            UnsupportedBuilds[(adapter.Name, version)] = result;
        }
    }

    /// <summary>A copy of the adapter's fixture whose framework package reference is <paramref name="version"/>.</summary>
    private string CopyFixtureOn(AdapterFixture adapter, string version)
    {
        var project = _workspace!.CopyFixture(adapter.Project, $"{adapter.Project}-{version}", SharedFixture);
        var file = Path.Combine(project, adapter.Project + ".csproj");
        var document = XDocument.Load(file);
        document.Descendants("HologramFixtureFrameworkVersion").Single().Value = version;
        document.Save(file);
        return project;
    }

    private async Task InSlotAsync(Func<Task> work)
    {
        await MatrixSlots.WaitAsync();
        try
        {
            await work();
        }
        finally
        {
            MatrixSlots.Release();
        }
    }

    private async Task RunAsync(
        AdapterFixture adapter, string project, string scenario, string store, Dictionary<string, string> environment, string? filter = null, bool readStore = true)
    {
        var trx = Path.Combine(_workspace!.Root, "results", $"{adapter.Name}-{scenario}.trx");
        environment["HOLOGRAM_STORE"] = store;
        var arguments = new List<string> { "test", "--no-build", "-c", "Release", "--logger", $"trx;LogFileName={trx}" };
        if (filter is not null)
        {
            arguments.AddRange(["--filter", filter]);
        }

        if (adapter.RunsAsExecutable)
        {
            trx = ExecutableRun.TrxPath(trx);
            arguments = ExecutableRun.Arguments(adapter, project, trx, filter);
        }

        var (exitCode, output) = await DotnetCommand.RunAsync(project, environment, ConsumerWorkspace.Slow, [.. arguments]);
        exitCode = adapter.RunsAsExecutable ? ExecutableRun.ExitCode(exitCode) : exitCode;
        var run = readStore
            ? await ReadStoreAsync(exitCode, output, ScenarioRun.ParseTrx(trx), store, project)
            : new ScenarioRun(exitCode, output, ScenarioRun.ParseTrx(trx), [], []);
        lock (Runs)
        {
            Runs[(adapter.Name, scenario)] = run;
        }
    }

    private static async Task<ScenarioRun> ReadStoreAsync(
        int exitCode, string output, IReadOnlyList<(string, string, string)> reported, string store, string project)
    {
        await using var history = await HistoryStores.OpenAsync(store, project);
        var runs = await history.GetRunsAsync(1);
        var attempts = runs.Count == 0 ? [] : await history.GetAttemptsAsync(runs[0].RunId);
        return new ScenarioRun(exitCode, output, reported, attempts, runs);
    }

    /// <summary>The <c>storedown</c> scenario: the store is a file that is no database, so the run spools with one warning.</summary>
    private async Task RunStoreDownAsync(AdapterFixture adapter, string project)
    {
        var file = Path.Combine(_workspace!.Root, $"{adapter.Name}-storedown.db");
        await File.WriteAllTextAsync(file, "this is not a database");
        var reports = Path.Combine(_workspace.Root, $"{adapter.Name}-storedown-reports");
        await RunAsync(adapter, project, "storedown", "sqlite:" + file, new() { ["HOLOGRAM_PROFILE"] = "dev", ["HOLOGRAM_REPORTS_DIR"] = reports }, readStore: false);
    }

    /// <summary>The xUnit v3 fixture as a Microsoft Testing Platform executable, filtered by trait.</summary>
    private async Task RunMtpAsync()
    {
        var workspace = _workspace!;
        var project = workspace.CopyFixture(AdapterFixture.XunitV3.Project, "ConformanceXunitV3Mtp", SharedFixture);
        await workspace.ExpectAsync(project, "build", "-c", "Release", "-p:HologramFixtureMtp=true");
        var store = "sqlite:" + Path.Combine(workspace.Root, "xunit3-mtp.db");
        var (exitCode, output) = await DotnetCommand.RunAsync(
            project,
            new Dictionary<string, string> { ["HOLOGRAM_PROFILE"] = "dev", ["HOLOGRAM_STORE"] = store },
            ConsumerWorkspace.Slow,
            Path.Combine(project, "bin", "Release", "net10.0", AdapterFixture.XunitV3.Project + ".dll"),
            "--filter-trait",
            "Category=Phase6Perf");
        Mtp = await ReadStoreAsync(exitCode, output, [], store, project);
    }
}

[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceRuns>
{
    public const string Name = "conformance";
}
