using Hologram.Testing.Sdk;
using NUnit.Framework.Interfaces;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>Maps an NUnit test to Hologram's stable test id (see <see cref="TestIds"/>), the same as the xUnit adapters build.</summary>
internal static class NUnitTestIds
{
    public static string For(ITest test)
    {
        var className = test.ClassName ?? test.TypeInfo?.FullName ?? test.FullName;
        var methodName = test.MethodName ?? test.Name;
        string? arguments = null;
        if (test.Arguments is { Length: > 0 } values)
        {
            var names = test.Method?.GetParameters().Select(p => p.ParameterInfo.Name ?? string.Empty).ToList() ?? [];
            arguments = TestIds.FormatArguments(names, values);
        }

        return TestIds.Create(className, methodName, arguments);
    }
}
