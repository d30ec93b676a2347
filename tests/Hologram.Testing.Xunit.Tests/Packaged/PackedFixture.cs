using Hologram.Testing.TestSupport;
using System.Globalization;
using System.Xml.Linq;

namespace Hologram.Testing.Xunit.Tests.Packaged;

/// <summary>
/// Packs Hologram.Testing and Hologram.Testing.Xunit with a unique version into a private feed, copies the fixture
/// test project (tests/fixtures/XunitV2Fixture) to a temporary folder as a consumer would have it, restores it from
/// that feed into a private package folder and builds it once; tests then run it with <c>dotnet test</c>.
/// </summary>
public sealed class PackedFixture : IAsyncLifetime
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    public string Root { get; } = Directory.CreateTempSubdirectory("hologram-packed-").FullName;

    public string ProjectDir => Path.Combine(Root, "XunitV2Fixture");

    public string Version { get; } = "0.0.0-acceptance." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        var repo = FindRepositoryRoot();
        var feed = Path.Combine(Root, "feed");
        foreach (var project in new[] { "src/Hologram.Testing/Hologram.Testing.csproj", "src/Hologram.Testing.Xunit/Hologram.Testing.Xunit.csproj" })
        {
            await Expect(repo, "pack", Path.Combine(repo, project), "-c", "Release", "-o", feed, $"-p:Version={Version}", "-p:IncludeSymbols=false");
        }

        CopyDirectory(Path.Combine(repo, "tests", "fixtures", "XunitV2Fixture"), ProjectDir);
        Directory.CreateDirectory(Path.Combine(ProjectDir, ".git")); // the fixture is its own repository root
        var sources = XDocument.Load(Path.Combine(repo, "nuget.config"));
        sources.Root!.Element("packageSources")!.Add(new XElement("add", new XAttribute("key", "hologram-local"), new XAttribute("value", feed)));
        sources.Save(Path.Combine(ProjectDir, "nuget.config"));
        await File.WriteAllTextAsync(
            Path.Combine(ProjectDir, "Directory.Build.props"),
            $"<Project><PropertyGroup><HologramVersion>{Version}</HologramVersion><RestorePackagesPath>{Path.Combine(Root, "packages")}</RestorePackagesPath></PropertyGroup></Project>");

        await Expect(ProjectDir, "build", "-c", "Release");
        await Expect(ProjectDir, "build", "-c", "Release", "-p:HologramTestFramework=false", "-o", Path.Combine(Root, "optout"));
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; the folder is under the temp directory.
        }

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

        var (exitCode, output) = await DotnetCommand.RunAsync(ProjectDir, environment, Slow, [.. arguments]);
        return TestRun.Parse(exitCode, output, File.Exists(trx) ? XDocument.Load(trx) : null);
    }

    private static async Task Expect(string directory, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(directory, null, Slow, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
        }
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Hologram.Testing.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Hologram.Testing.sln not found above " + AppContext.BaseDirectory);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
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
