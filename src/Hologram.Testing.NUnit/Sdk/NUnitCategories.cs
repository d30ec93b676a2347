using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>The categories of an NUnit test: its own, its fixture's, and its assembly's.</summary>
internal static class NUnitCategories
{
    public static List<string> Of(ITest test, Assembly? assembly)
    {
        var categories = new List<string>();
        for (var current = test; current is not null; current = current.Parent)
        {
            foreach (var value in current.Properties[PropertyNames.Category])
            {
                if (value is string name && !categories.Contains(name, StringComparer.Ordinal))
                {
                    categories.Add(name);
                }
            }
        }

        // Assembly-level attributes may be applied after Hologram's hook; read them from the assembly itself.
        foreach (var attribute in assembly?.GetCustomAttributes<CategoryAttribute>() ?? [])
        {
            if (!categories.Contains(attribute.Name, StringComparer.Ordinal))
            {
                categories.Add(attribute.Name);
            }
        }

        return categories;
    }
}
