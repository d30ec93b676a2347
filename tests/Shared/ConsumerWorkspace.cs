using System.Globalization;
using System.Xml.Linq;

namespace Hologram.Testing.TestSupport;

/// <summary>
/// A temporary folder laid out like a consumer's repository: Hologram packages packed with a unique version into a
/// private feed, a nuget.config with that feed, build props that stop at the folder (no repository props, central
/// versions off, a private package folder), and fixture projects copied in from <c>tests/fixtures</c>.
/// </summary>
public sealed class ConsumerWorkspace : IDisposable
{
    /// <summary>How long a single pack, build or test command may take.</summary>
    public static readonly TimeSpan Slow = TimeSpan.FromMinutes(5);

    private ConsumerWorkspace(string repository)
    {
        Repository = repository;
        Root = Directory.CreateTempSubdirectory("hologram-consumer-").FullName;
        Feed = Path.Combine(Root, "feed");
    }

    /// <summary>The repository the packages and fixtures come from.</summary>
    public string Repository { get; }

    /// <summary>The workspace folder.</summary>
    public string Root { get; }

    /// <summary>The private package feed.</summary>
    public string Feed { get; }

    /// <summary>The version every package is packed with.</summary>
    public string Version { get; } = "0.0.0-consumer." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    /// <summary>Packs <paramref name="projects"/> (names under <c>src/</c>) and writes the consumer's build files.</summary>
    public static async Task<ConsumerWorkspace> CreateAsync(params string[] projects)
    {
        var workspace = new ConsumerWorkspace(FindRepositoryRoot());
        foreach (var project in projects)
        {
            await workspace.ExpectAsync(
                workspace.Repository, "pack", Path.Combine(workspace.Repository, "src", project, project + ".csproj"),
                "-c", "Release", "-o", workspace.Feed, $"-p:Version={workspace.Version}", "-p:IncludeSymbols=false");
        }

        var sources = XDocument.Load(Path.Combine(workspace.Repository, "nuget.config"));
        sources.Root!.Element("packageSources")!.Add(new XElement("add", new XAttribute("key", "hologram-local"), new XAttribute("value", workspace.Feed)));
        sources.Save(Path.Combine(workspace.Root, "nuget.config"));
        await File.WriteAllTextAsync(
            Path.Combine(workspace.Root, "Directory.Build.props"),
            $"<Project><PropertyGroup><HologramVersion>{workspace.Version}</HologramVersion><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>" +
            $"<RestorePackagesPath>{Path.Combine(workspace.Root, "packages")}</RestorePackagesPath></PropertyGroup></Project>");
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "Directory.Build.targets"), "<Project />");
        await File.WriteAllTextAsync(Path.Combine(workspace.Root, "Directory.Packages.props"), "<Project />");
        return workspace;
    }

    /// <summary>Copies fixture <paramref name="fixture"/> to <paramref name="folder"/> (its own repository root) and returns the copy's folder.</summary>
    public string CopyFixture(string fixture, string? folder = null, params string[] shared)
    {
        var to = Path.Combine(Root, folder ?? fixture);
        Directory.CreateDirectory(to);
        foreach (var file in new[] { fixture }.Concat(shared)
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(Repository, "tests", "fixtures", f))))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(to, ".git"));
        return to;
    }

    /// <summary>Runs a dotnet command and fails with its output unless it exits with 0.</summary>
    public async Task ExpectAsync(string directory, params string[] arguments)
    {
        var (exitCode, output) = await DotnetCommand.RunAsync(directory, null, Slow, arguments);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({exitCode}):\n{output}");
        }
    }

    /// <summary>The repository root above the running test assembly.</summary>
    public static string FindRepositoryRoot()
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

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file; the folder is under the temp directory.
        }
    }
}
