using Microsoft.Extensions.Configuration;

namespace Hologram.Testing.Configuration;

/// <summary>A configuration layer whose values carry their provenance.</summary>
internal sealed class LayerConfigurationSource(string name, IReadOnlyCollection<ConfigValue> values) : IConfigurationSource
{
    public string Name { get; } = name;

    public IReadOnlyCollection<ConfigValue> Values { get; } = values;

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new LayerConfigurationProvider(this);
}
