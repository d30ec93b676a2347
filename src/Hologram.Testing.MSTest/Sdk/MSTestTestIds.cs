using Hologram.Testing.Sdk;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>Maps an MSTest test method (and a data row's arguments) to Hologram's stable test id (see <see cref="TestIds"/>).</summary>
internal static class MSTestTestIds
{
    public static string For(ITestMethod testMethod)
    {
        string? arguments = null;
        if (testMethod.Arguments is { Length: > 0 } values)
        {
            var names = testMethod.MethodInfo.GetParameters().Select(p => p.Name ?? string.Empty).ToList();
            arguments = TestIds.FormatArguments(names, values);
        }

        return TestIds.Create(testMethod.TestClassName, testMethod.TestMethodName, arguments);
    }
}
