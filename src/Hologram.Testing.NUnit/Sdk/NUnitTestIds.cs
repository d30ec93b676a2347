using Hologram.Testing.Sdk;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>Maps an NUnit test to Hologram's stable test id (see <see cref="TestIds"/>), the same as the xUnit adapters build.</summary>
internal static class NUnitTestIds
{
    /// <summary>Where a row's resolved id is kept once its method's rows have been resolved together.</summary>
    private const string IdProperty = "_HologramTestId";

    private static readonly Lock Gate = new();

    public static string For(ITest test)
    {
        if (test.Properties.Get(IdProperty) is string known)
        {
            return known;
        }

        // The rows of one parameterized method are resolved together, from the whole tree NUnit built (before any
        // shard or filter), so a row's id never depends on which other rows run.
        if (test.Parent is ParameterizedMethodSuite { Tests.Count: > 1 } rows && test.Arguments is { Length: > 0 })
        {
            lock (Gate)
            {
                if (test.Properties.Get(IdProperty) is string resolvedMeanwhile)
                {
                    return resolvedMeanwhile;
                }

                var siblings = rows.Tests.ToList();
                var names = ParameterNames(test);
                var ids = TestIds.Resolve(siblings, s => Readable(s, names), s => TestIds.ExactArguments(s.Arguments));
                for (var i = 0; i < siblings.Count; i++)
                {
                    siblings[i].Properties.Set(IdProperty, ids[i]);
                }

                return (string)test.Properties.Get(IdProperty)!;
            }
        }

        return Readable(test, null);
    }

    // The rows of one method share their parameter names: read them once (each read wraps every parameter anew).
    private static List<string> ParameterNames(ITest test) =>
        test.Method?.GetParameters().Select(p => p.ParameterInfo.Name ?? string.Empty).ToList() ?? [];

    private static string Readable(ITest test, List<string>? parameterNames)
    {
        var className = test.ClassName ?? test.TypeInfo?.FullName ?? test.FullName;
        var methodName = test.MethodName ?? test.Name;
        string? arguments = null;
        if (test.Arguments is { Length: > 0 } values)
        {
            arguments = TestIds.FormatArguments(parameterNames ?? ParameterNames(test), values);
        }

        return TestIds.Create(className, methodName, arguments);
    }
}
