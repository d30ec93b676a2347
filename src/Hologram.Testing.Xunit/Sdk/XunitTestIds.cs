using Hologram.Testing.Sdk;
using Xunit.Abstractions;
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

    /// <summary>The id of one executed test: a row of a theory enumerated at run time gets its arguments from the test's name.</summary>
    public static string For(ITest test)
    {
        var testCase = (IXunitTestCase)test.TestCase;
        if (testCase.TestMethodArguments is { Length: > 0 } || test.DisplayName == testCase.DisplayName)
        {
            return For(testCase);
        }

        var open = test.DisplayName.IndexOf('(', StringComparison.Ordinal);
        return TestIds.Create(
            testCase.TestMethod.TestClass.Class.Name, testCase.TestMethod.Method.Name, open >= 0 ? test.DisplayName[open..] : null);
    }
}
