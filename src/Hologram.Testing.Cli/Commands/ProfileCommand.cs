using System.CommandLine;
using System.Text.Json;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram profile &lt;name&gt; [--format env|json|github]</c>: the environment lines that select a profile.</summary>
internal sealed class ProfileCommand(CliContext context)
{
    public const string GitHubEnvVariable = "GITHUB_ENV";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "pr, main, nightly, dev, or a profile defined in hologram.json" };
        var format = new Option<string>("--format", "-f")
        {
            Description = "env: NAME=value lines; json: one object; github: append the lines to the file named by $GITHUB_ENV",
            DefaultValueFactory = _ => "env",
        };
        format.AcceptOnlyFromAmong("env", "json", "github");

        var command = new Command("profile", "Print the environment variables for a profile (seed-compatible names).") { name, format };
        command.SetAction(result => new ProfileCommand(context).Execute(result.GetValue(name)!, result.GetValue(format)!));
        return command;
    }

    public int Execute(string profile, string format)
    {
        var options = HologramConfiguration.LoadCore(context.ConfigurationSource, profile, includeEnvironment: false);
        var lines = ProfileEnvironment.For(options);
        switch (format)
        {
            case "json":
                WriteJson(lines);
                return ExitCodes.Ok;
            case "github":
                return AppendToGitHubEnv(options.Profile, lines);
            default:
                foreach (var (key, value) in lines)
                {
                    context.Out.WriteLine($"{key}={value}");
                }

                return ExitCodes.Ok;
        }
    }

    private void WriteJson(IReadOnlyList<KeyValuePair<string, string>> lines)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in lines)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    private int AppendToGitHubEnv(string profile, IReadOnlyList<KeyValuePair<string, string>> lines)
    {
        if (!context.Environment.TryGetValue(GitHubEnvVariable, out var path) || string.IsNullOrWhiteSpace(path))
        {
            return context.BadInput($"--format github needs the environment variable {GitHubEnvVariable} (the file to append to), and it is not set");
        }

        try
        {
            File.AppendAllLines(path, lines.Select(l => $"{l.Key}={l.Value}"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return context.BadInput($"cannot append to {GitHubEnvVariable} file '{path}': {ex.Message}");
        }

        context.Out.WriteLine($"Profile '{profile}': appended {lines.Count} variables to {path}");
        return ExitCodes.Ok;
    }
}
