using System.Reflection;
using NUnit.Framework;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>The categories of an NUnit test: its own, its fixture's, and its assembly's.</summary>
internal static class NUnitCategories
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Assembly, string[]> AssemblyCategories = new();

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

        // Assembly-level attributes may be applied after Hologram's hook; read them from the assembly itself, once
        // per assembly (reflection over attributes for every test would cost more than the tests themselves).
        foreach (var name in assembly is null ? [] : AssemblyCategories.GetValue(assembly, ReadAssemblyCategories))
        {
            if (!categories.Contains(name, StringComparer.Ordinal))
            {
                categories.Add(name);
            }
        }

        return categories;
    }

    private static string[] ReadAssemblyCategories(Assembly assembly) =>
        [.. assembly.GetCustomAttributes<CategoryAttribute>().Select(a => a.Name)];
}
