using Hologram.Testing.TestSupport;
using System.Xml.Linq;

namespace Hologram.Testing.Xunit.Tests.Packaged;

/// <summary>
/// Packs Hologram.Testing and Hologram.Testing.Xunit with a unique version into a private feed, copies the fixture
/// test project (tests/fixtures/XunitV2Fixture) to a temporary folder as a consumer would have it (the shared
/// <see cref="ConsumerWorkspace"/>), restores it from that feed and builds it once; tests then run it with
/// <c>dotnet test</c>.
/// </summary>
public sealed class PackedFixture : IAsyncLifetime
{
    private ConsumerWorkspace? _workspace;

    private ConsumerWorkspace Workspace => _workspace ?? throw new InvalidOperationException("the fixture is not initialised");

    public string Root => Workspace.Root;

    public string ProjectDir { get; private set; } = string.Empty;

    public string Version => Workspace.Version;

    public async Task InitializeAsync()
    {
        _workspace = await ConsumerWorkspace.CreateAsync("Hologram.Testing", "Hologram.Testing.Xunit");
        ProjectDir = _workspace.CopyFixture("XunitV2Fixture");
        await _workspace.ExpectAsync(ProjectDir, "build", "-c", "Release");
        await _workspace.ExpectAsync(ProjectDir, "build", "-c", "Release", "-p:HologramTestFramework=false", "-o", Path.Combine(Root, "optout"));
    }

    public Task DisposeAsync()
    {
        _workspace?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Runs the built fixture with <c>dotnet test</c> and returns the outcome of every test.</summary>
    public async Task<TestRun> TestAsync(IReadOnlyDictionary<string, string>? environment = null, string? filter = null, bool optOut = false)
    {
        var trx = Path.Combine(Root, "results", Guid.NewGuid().ToString("N") + ".trx");
        var arguments = new List<string>
        {
            "test",
            optOut ? Path.Combine(Root, "optout", "XunitV2Fixture.dll") : "XunitV2Fixture.csproj",
        };
        if (!optOut)
        {
            arguments.AddRange(["--no-build", "-c", "Release"]);
        }

        arguments.AddRange(["--logger", $"trx;LogFileName={trx}"]);
        if (filter is not null)
        {
            arguments.AddRange(["--filter", filter]);
        }

        var (exitCode, output) = await DotnetCommand.RunAsync(ProjectDir, environment, ConsumerWorkspace.Slow, [.. arguments]);
        return TestRun.Parse(exitCode, output, File.Exists(trx) ? XDocument.Load(trx) : null);
    }
}

/// <summary>The outcome of one <c>dotnet test</c> run of the fixture.</summary>
public sealed record TestRun(int ExitCode, string Output, IReadOnlyDictionary<string, (string Outcome, string Message)> Tests)
{
    public IEnumerable<string> With(string outcome) =>
        Tests.Where(t => t.Value.Outcome == outcome).Select(t => t.Key).Order(StringComparer.Ordinal);

    public static TestRun Parse(int exitCode, string output, XDocument? trx)
    {
        var tests = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (trx is not null)
        {
            XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
            foreach (var result in trx.Descendants(ns + "UnitTestResult"))
            {
                var name = (string)result.Attribute("testName")!;
                var shortName = name[(name.LastIndexOf('.') + 1)..];
                var message = result.Descendants(ns + "Message").FirstOrDefault()?.Value
                    ?? result.Descendants(ns + "StdOut").FirstOrDefault()?.Value ?? string.Empty;
                tests[shortName] = ((string)result.Attribute("outcome")!, message.Trim());
            }
        }

        return new TestRun(exitCode, output, tests);
    }
}
