using Hologram.Testing.Security;
using System.CommandLine;
using System.Text.Json;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram config [--format text|json]</c>: the effective configuration, each value with its origin.</summary>
internal sealed class ConfigCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (default) or json",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");

        var command = new Command("config", "Print the effective configuration: the profile, the hologram.json used, and every value with its origin.") { format };
        command.SetAction(result => new ConfigCommand(context).Execute(result.GetValue(format)!));
        return command;
    }

    public int Execute(string format)
    {
        var options = HologramConfiguration.Load(context.ConfigurationSource);
        var values = options.Provenance
            .Select(v => (v.Key, Value: Display(v.Key, v.Value), v.Origin))
            .ToList();

        if (format == "json")
        {
            WriteJson(options, values);
            return ExitCodes.Ok;
        }

        var profile = values.First(v => v.Key == "Profile");
        context.Out.WriteLine($"profile:         {options.Profile} ({profile.Origin})");
        context.Out.WriteLine($"config file:     {options.ConfigFile ?? "(none found)"}");
        context.Out.WriteLine($"repository root: {options.RepositoryRoot}");
        context.Out.WriteLine($"reports dir:     {options.ReportsDir}");
        context.Out.WriteLine();

        var rows = values.Where(v => v.Key != "Profile").ToList();
        var keyWidth = rows.Max(r => r.Key.Length);
        var valueWidth = rows.Max(r => r.Value.Length);
        foreach (var (key, value, origin) in rows)
        {
            context.Out.WriteLine($"{key.PadRight(keyWidth)}  {value.PadRight(valueWidth)}  {origin}");
        }

        return ExitCodes.Ok;
    }

    private void WriteJson(HologramOptions options, List<(string Key, string Value, string Origin)> values)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("profile", options.Profile);
            writer.WriteString("configFile", options.ConfigFile);
            writer.WriteString("repositoryRoot", options.RepositoryRoot);
            writer.WriteString("reportsDir", options.ReportsDir);
            writer.WriteStartArray("values");
            foreach (var (key, value, origin) in values)
            {
                writer.WriteStartObject();
                writer.WriteString("key", key);
                writer.WriteString("value", value);
                writer.WriteString("origin", origin);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Out.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Every value goes through the shared redactor: passwords in store strings, tokens in service URLs.</summary>
    private static string Display(string key, string value) => SecretRedactor.Default.Redact(value);
}
