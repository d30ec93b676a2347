namespace Hologram.Testing.Configuration;

/// <summary>A profile defined under <c>Hologram:Profiles:&lt;name&gt;</c> in <c>hologram.json</c>.</summary>
internal sealed class ProfileDefinition(string name, string origin)
{
    public string Name { get; } = name;

    public string Origin { get; } = origin;

    /// <summary>The <c>Base</c> value as written, or <see langword="null"/> for the default base (<c>dev</c>).</summary>
    public ConfigValue? Base { get; set; }

    /// <summary>Settings of the profile, keyed as at the top level (e.g. <c>Retries</c>).</summary>
    public List<ConfigValue> Settings { get; } = [];
}
