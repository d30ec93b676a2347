namespace Hologram.Testing.Cli.Tests;

/// <summary>Runs the tool in process against a temporary repository and captures its output.</summary>
internal sealed class CliRun : IDisposable
{
    public CliRun()
    {
        Root = Path.Combine(Path.GetTempPath(), "hologram-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Root, ".git"));
    }

    public string Root { get; }

    public Dictionary<string, string?> Environment { get; } = [];

    public string Out { get; private set; } = string.Empty;

    public string Error { get; private set; } = string.Empty;

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string WriteConfig(string json)
    {
        var path = Path.Combine(Root, "hologram.json");
        File.WriteAllText(path, json);
        return path;
    }

    public int Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = new HologramCli(new CliContext(output, error, Environment, Root)).Run(args);
        Out = output.ToString();
        Error = error.ToString();
        return exitCode;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }
}
