using System.Text.Json;
using System.Text.RegularExpressions;

namespace Hologram.Testing.Configuration;

/// <summary>Finds and reads <c>hologram.json</c>: the <c>Hologram</c> section flattened to keys with provenance.</summary>
internal sealed partial class HologramJsonFile
{
    public const string FileName = "hologram.json";

    private HologramJsonFile(string path)
    {
        Path = path;
    }

    /// <summary>The absolute path of the file.</summary>
    public string Path { get; }

    /// <summary>Settings directly under <c>Hologram</c> (not inside <c>Profiles</c>).</summary>
    public List<ConfigValue> Settings { get; } = [];

    /// <summary>Custom (or refined built-in) profiles by lower-case name, in file order.</summary>
    public Dictionary<string, ProfileDefinition> Profiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The file's origin text used in messages.</summary>
    public string Origin => Path;

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/>: the first directory holding <c>hologram.json</c> wins; the walk stops after
    /// the repository root (a directory containing <c>.git</c>) or the filesystem root.
    /// </summary>
    public static (string? File, string RepositoryRoot) Discover(string startDirectory)
    {
        string? file = null;
        string? repositoryRoot = null;
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, FileName);
            if (file is null && File.Exists(candidate))
            {
                file = candidate;
            }

            var git = System.IO.Path.Combine(directory.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                repositoryRoot = directory.FullName;
                break;
            }
        }

        return (file, repositoryRoot ?? startDirectory);
    }

    public static HologramJsonFile Read(string path)
    {
        var file = new HologramJsonFile(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new HologramConfigurationException(string.Empty, null, path, $"{FileName} ({path}): cannot be read: {ex.Message}", ex);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            var line = (ex.LineNumber ?? 0) + 1;
            var position = (ex.BytePositionInLine ?? 0) + 1;
            throw new HologramConfigurationException(
                string.Empty,
                null,
                path,
                $"{FileName} ({path}): invalid JSON at line {line}, position {position}: {Reason(ex.Message)}",
                ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw file.Error(string.Empty, null, "the document must be a JSON object");
            }

            file.CheckDuplicates(document.RootElement, string.Empty);
            JsonElement section = default;
            var found = false;
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, HologramKeys.Section, StringComparison.OrdinalIgnoreCase))
                {
                    section = property.Value;
                    found = true;
                }
            }

            if (found && section.ValueKind != JsonValueKind.Null)
            {
                if (section.ValueKind != JsonValueKind.Object)
                {
                    throw file.Error(HologramKeys.Section, null, "'Hologram' must be a JSON object");
                }

                var values = new List<(List<string> Path, string Value)>();
                file.Walk(section, HologramKeys.FileRoot, [], values);
                file.Split(values);
            }
        }

        return file;
    }

    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        var reason = (cut >= 0 ? message[..cut] : message).Trim().TrimEnd('.');
        return reason.ReplaceLineEndings(" ");
    }

    private void Walk(JsonElement element, KeyNode node, List<string> path, List<(List<string> Path, string Value)> values)
    {
        foreach (var property in element.EnumerateObject())
        {
            var childPath = new List<string>(path);
            if (!node.TryGetChild(property.Name, out var canonical, out var child))
            {
                var written = Written(path, property.Name);
                var suggestion = node.Suggest(property.Name);
                var hint = suggestion is null
                    ? $"; known keys here: {string.Join(", ", node.ChildNames)}"
                    : $"; did you mean '{Written(path, suggestion)}'?";
                throw Error(written, ScalarText(property.Value), $"unknown key '{written}'{hint}");
            }

            childPath.Add(canonical);
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (child.IsList && value.ValueKind == JsonValueKind.Array)
            {
                values.Add((childPath, ListText(value, Written(path, property.Name))));
            }
            else if (child.IsLeaf)
            {
                var text = ScalarText(value)
                    ?? throw Error(Written(path, property.Name), null, $"'{Written(path, property.Name)}' must be a single value, not {Describe(value)}");
                values.Add((childPath, text));
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                if (childPath.Count == 2 && childPath[0] == HologramKeys.Profiles)
                {
                    EnsureProfile(canonical);
                }

                Walk(value, child, childPath, values);
            }
            else
            {
                var written = Written(path, property.Name);
                throw Error(written, ScalarText(value), $"'{written}' must be a JSON object, not {Describe(value)}");
            }
        }
    }

    private void Split(List<(List<string> Path, string Value)> values)
    {
        foreach (var (path, value) in values)
        {
            var key = string.Join(':', path);
            if (path[0] != HologramKeys.Profiles)
            {
                Settings.Add(new ConfigValue(key, value, Origin, $"{HologramKeys.Section}:{key}"));
                continue;
            }

            var profile = EnsureProfile(path[1]);

            var settingKey = string.Join(':', path.Skip(2));
            var entry = new ConfigValue(settingKey, value, profile.Origin, $"{HologramKeys.Section}:{key}");
            if (settingKey == HologramKeys.Base)
            {
                profile.Base = entry;
            }
            else
            {
                profile.Settings.Add(entry);
            }
        }
    }

    private ProfileDefinition EnsureProfile(string name)
    {
        if (!ProfileNamePattern().IsMatch(name))
        {
            throw Error($"{HologramKeys.Profiles}:{name}", null, $"'{name}' is not a valid profile name (use lower-case letters, digits, '.', '_' or '-')");
        }

        if (!Profiles.TryGetValue(name, out var profile))
        {
            profile = new ProfileDefinition(name, $"profile '{name}' in {Path}");
            Profiles.Add(name, profile);
        }

        return profile;
    }

    private void CheckDuplicates(JsonElement element, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in element.EnumerateObject())
        {
            var written = path.Length == 0 ? property.Name : $"{path}:{property.Name}";
            if (!seen.Add(property.Name))
            {
                throw Error(written, null, $"duplicate key '{written}' (keys are case-insensitive)");
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                CheckDuplicates(property.Value, written);
            }
        }
    }

    private HologramConfigurationException Error(string key, string? value, string problem) =>
        new(key, value, Path, $"{FileName} ({Path}): {problem}");

    private static string Written(List<string> path, string name) =>
        string.Join(':', new[] { HologramKeys.Section }.Concat(path).Append(name));

    // The items of a JSON array as one value: each item on its own line after a leading line break, so that an item
    // keeps a ';' that would separate the items of a value written as one string (see OptionsReader.ReadList).
    private string ListText(JsonElement array, string written)
    {
        var items = new List<string>();
        foreach (var item in array.EnumerateArray())
        {
            items.Add(item.ValueKind == JsonValueKind.String
                ? item.GetString()!
                : throw Error(written, null, $"'{written}' must be an array of strings, not one with {Describe(item)}"));
        }

        return ListMarker + string.Join(ListMarker, items);
    }

    /// <summary>What starts a list value read from a JSON array, and separates its items.</summary>
    public const string ListMarker = "\n";

    private static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "a boolean",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ProfileNamePattern();
}
