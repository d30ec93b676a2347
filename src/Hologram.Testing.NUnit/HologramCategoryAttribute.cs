using NUnit.Framework;

namespace Hologram.Testing.NUnit;

/// <summary>
/// Base of Hologram's category attributes: on a test method, class or assembly it adds the NUnit category
/// <c>&lt;Category&gt;</c>, selectable with <c>dotnet test --filter "TestCategory=…"</c> (or <c>Category=…</c>).
/// </summary>
public abstract class HologramCategoryAttribute : CategoryAttribute
{
    /// <summary>Creates the attribute for a category name.</summary>
    /// <param name="category">The category, e.g. <c>Phase6Perf</c>.</param>
    protected HologramCategoryAttribute(string category)
        : base(category)
    {
    }

    /// <summary>The category this attribute adds.</summary>
    public string Category => Name;
}
