using Microsoft.Extensions.Configuration;

namespace Hologram.Testing.Configuration;

/// <summary>Serves one <see cref="LayerConfigurationSource"/> under the <c>Hologram:</c> section and answers provenance queries.</summary>
internal sealed class LayerConfigurationProvider(LayerConfigurationSource source) : ConfigurationProvider
{
    private readonly Dictionary<string, ConfigValue> entries = new(StringComparer.OrdinalIgnoreCase);

    public string Name => source.Name;

    public override void Load()
    {
        entries.Clear();
        Data.Clear();
        foreach (var value in source.Values)
        {
            entries[value.Key] = value;
            Data[HologramKeys.Section + ":" + value.Key] = value.Value;
        }
    }

    public bool TryGetEntry(string key, out ConfigValue entry) => entries.TryGetValue(key, out entry!);
}
