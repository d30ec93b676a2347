using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Hologram.Testing.MSTest;

/// <summary>
/// Base of Hologram's category attributes: on a test method, class or assembly it adds the MSTest test category
/// <c>&lt;Category&gt;</c>, selectable with <c>dotnet test --filter "TestCategory=…"</c>.
/// </summary>
public abstract class HologramCategoryAttribute : TestCategoryBaseAttribute
{
    private readonly string[] _categories;

    /// <summary>Creates the attribute for a category name.</summary>
    /// <param name="category">The category, e.g. <c>Phase6Perf</c>.</param>
    protected HologramCategoryAttribute(string category)
    {
        Category = category;
        _categories = [category];
    }

    /// <summary>The category this attribute adds.</summary>
    public string Category { get; }

    /// <inheritdoc />
    public override IList<string> TestCategories => _categories;
}
