using Xunit.v3;

namespace Hologram.Testing.XunitV3;

/// <summary>
/// Base of Hologram's category attributes: on a test method, class or assembly it adds the trait
/// <c>Category=&lt;Category&gt;</c>, selectable with <c>dotnet test --filter "Category=…"</c> or <c>--filter-trait "Category=…"</c>.
/// </summary>
public abstract class HologramCategoryAttribute : Attribute, ITraitAttribute
{
    /// <summary>Creates the attribute for a category name.</summary>
    /// <param name="category">The category, e.g. <c>Phase6Perf</c>.</param>
    protected HologramCategoryAttribute(string category) => Category = category;

    /// <summary>The category this attribute adds.</summary>
    public string Category { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits() =>
        [new KeyValuePair<string, string>(HologramCategories.TraitName, Category)];
}
