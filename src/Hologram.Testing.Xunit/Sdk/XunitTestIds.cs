using Hologram.Testing.Execution;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>Maps an xUnit v2 test case to Hologram's stable test id (see <see cref="TestIds"/>).</summary>
internal static class XunitTestIds
{
    public static string For(IXunitTestCase testCase)
    {
        var className = testCase.TestMethod.TestClass.Class.Name;
        var methodName = testCase.TestMethod.Method.Name;
        string? arguments = null;
        if (testCase.TestMethodArguments is { Length: > 0 })
        {
            var open = testCase.DisplayName.IndexOf('(', StringComparison.Ordinal);
            arguments = open >= 0 ? testCase.DisplayName[open..] : testCase.UniqueID;
        }

        return TestIds.Create(className, methodName, arguments);
    }
}
