using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>The test categories of an MSTest test: its method's, its class's, and its assembly's.</summary>
internal static class MSTestCategories
{
    private static readonly ConditionalWeakTable<MemberInfo, string[]> Declared = new();
    private static readonly ConditionalWeakTable<Assembly, string[]> AssemblyCategories = new();

    public static List<string> Of(MethodInfo method, Type? testClass)
    {
        var categories = new List<string>();
        Add(categories, Declared.GetValue(method, static m => Read(m.GetCustomAttributes<TestCategoryBaseAttribute>(true))));
        if (testClass is not null)
        {
            Add(categories, Declared.GetValue(testClass, static t => Read(t.GetCustomAttributes<TestCategoryBaseAttribute>(true))));
            Add(categories, AssemblyCategories.GetValue(testClass.Assembly, static a => Read(a.GetCustomAttributes<TestCategoryBaseAttribute>())));
        }

        return categories;
    }

    private static string[] Read(IEnumerable<TestCategoryBaseAttribute> attributes) =>
        [.. attributes.SelectMany(a => a.TestCategories)];

    private static void Add(List<string> categories, string[] names)
    {
        foreach (var name in names)
        {
            if (!categories.Contains(name, StringComparer.Ordinal))
            {
                categories.Add(name);
            }
        }
    }
}
