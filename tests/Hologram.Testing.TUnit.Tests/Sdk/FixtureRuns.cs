using System.Xml.Linq;
using Hologram.Testing.History;
using Hologram.Testing.TestSupport;

namespace Hologram.Testing.TUnit.Tests.Sdk;

/// <summary>
/// Packs Hologram and the TUnit adapter once, builds the TUnit fixture project on each tested TUnit version (and once
/// with the hook turned off), runs each as a testing platform program under profile <c>pr</c> with a TRX report and its
/// own store, and keeps what it reported and recorded.
/// </summary>
public sealed class FixtureRuns : IAsyncLifetime
{
    /// <summary>The lowest and the highest supported TUnit.</summary>
    public static readonly IReadOnlyList<string> Versions = ["1.79.0", "1.86.0"];

    /// <summary>The key of the run with <c>HologramTestFramework=false</c> (on the highest version).</summary>
    public const string OptedOut = "opted-out";

    private const string Fixture = "TUnitFixture";

    private ConsumerWorkspace? _workspace;

    public Dictionary<string, FixtureRun> Runs { get; } = [];

    public FixtureRun this[string key] => Runs[key];

    public async Task InitializeAsync()
    {
        _workspace = await ConsumerWorkspace.CreateAsync("Hologram.Testing", "Hologram.Testing.TUnit");
        foreach (var version in Versions)
        {
            Runs[version] = await BuildAndRunAsync(version, version);
        }

        Runs[OptedOut] = await BuildAndRunAsync(OptedOut, Versions[^1], "-p:HologramTestFramework=false");
    }

    public Task DisposeAsync()
    {
        _workspace?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<FixtureRun> BuildAndRunAsync(string key, string version, params string[] buildProperties)
    {
        var workspace = _workspace!;
        var project = workspace.CopyFixture(Fixture, $"{Fixture}-{key}");
        var file = Path.Combine(project, Fixture + ".csproj");
        var document = XDocument.Load(file);
        document.Descendants("HologramFixtureFrameworkVersion").Single().Value = version;
        document.Save(file);
        await workspace.ExpectAsync(project, ["build", "-c", "Release", .. buildProperties]);

        var results = Path.Combine(workspace.Root, "results");
        var database = Path.Combine(workspace.Root, $"{key}.db");
        var (exitCode, output) = await DotnetCommand.RunAsync(
            project,
            new Dictionary<string, string>
            {
                ["HOLOGRAM_PROFILE"] = "pr",
                ["HOLOGRAM_STORE"] = "sqlite:" + database,
                ["FIXTURE_STATE"] = Path.Combine(workspace.Root, $"{key}-state"),
            },
            ConsumerWorkspace.Slow,
            Path.Combine(project, "bin", "Release", "net10.0", Fixture + ".dll"),
            "--report-trx", "--report-trx-filename", key + ".trx", "--results-directory", results);

        await using var store = await HistoryStores.OpenAsync("sqlite:" + database, project);
        var runs = await store.GetRunsAsync(10);
        var attempts = runs.Count == 0 ? [] : await store.GetAttemptsAsync(runs[0].RunId);
        return new FixtureRun(exitCode, output, FixtureRun.ParseTrx(Path.Combine(results, key + ".trx")), attempts, runs);
    }
}

[CollectionDefinition(Name)]
public sealed class FixtureCollection : ICollectionFixture<FixtureRuns>
{
    public const string Name = "tunit fixture";
}
