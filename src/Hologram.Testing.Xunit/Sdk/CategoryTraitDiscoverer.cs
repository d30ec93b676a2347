using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>Turns a <see cref="HologramCategoryAttribute"/> into the trait <c>Category=&lt;Name&gt;</c>.</summary>
public sealed class CategoryTraitDiscoverer : ITraitDiscoverer
{
    /// <inheritdoc />
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        ArgumentNullException.ThrowIfNull(traitAttribute);
        var category = traitAttribute is IReflectionAttributeInfo { Attribute: HologramCategoryAttribute attribute }
            ? attribute.Category
            : traitAttribute.GetNamedArgument<string>(nameof(HologramCategoryAttribute.Category));
        if (!string.IsNullOrEmpty(category))
        {
            yield return new KeyValuePair<string, string>(HologramCategories.TraitName, category);
        }
    }
}
