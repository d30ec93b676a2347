using TUnit.Core;

namespace Hologram.Testing.TUnit;

/// <summary>
/// Base of Hologram's category attributes: on a test method, class or assembly it adds the TUnit category
/// <c>&lt;Category&gt;</c>, selectable with <c>--treenode-filter "/**[Category=…]"</c> and shown in TRX files.
/// </summary>
public abstract class HologramCategoryAttribute : CategoryAttribute
{
    /// <summary>Creates the attribute for a category name.</summary>
    /// <param name="category">The category, e.g. <c>Phase6Perf</c>.</param>
    protected HologramCategoryAttribute(string category)
        : base(category)
    {
    }
}
