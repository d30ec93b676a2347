using System.Collections.Concurrent;
using Hologram.Testing.Sdk;
using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>Maps an NUnit test to Hologram's stable test id (see <see cref="TestIds"/>), the same as the xUnit adapters build.</summary>
internal static class NUnitTestIds
{
    // Resolved row ids, by test, until the row has run. Not a test property: NUnit writes every property into the XML
    // of the test tree and of each result, which the VSTest adapter then parses, one long id per row each time.
    private static readonly ConcurrentDictionary<ITest, string> Resolved = new(ReferenceEqualityComparer.Instance);

    private static readonly Lock Gate = new();

    public static string For(ITest test)
    {
        if (Resolved.TryGetValue(test, out var known))
        {
            return known;
        }

        // The rows of one parameterized method are resolved together, from the whole tree NUnit built (before any
        // shard or filter), so a row's id never depends on which other rows run.
        if (test.Parent is ParameterizedMethodSuite { Tests.Count: > 1 } rows && test.Arguments is { Length: > 0 })
        {
            lock (Gate)
            {
                if (Resolved.TryGetValue(test, out var resolvedMeanwhile))
                {
                    return resolvedMeanwhile;
                }

                var siblings = rows.Tests.ToList();
                var names = ParameterNames(test);
                var ids = TestIds.Resolve(siblings, s => Readable(s, names), s => TestIds.ExactArguments(s.Arguments));
                for (var i = 0; i < siblings.Count; i++)
                {
                    Resolved[siblings[i]] = ids[i];
                }

                return Resolved[test];
            }
        }

        return Readable(test, null);
    }

    // The rows of one method share their parameter names: read them once (each read wraps every parameter anew).
    private static List<string> ParameterNames(ITest test) =>
        test.Method?.GetParameters().Select(p => p.ParameterInfo.Name ?? string.Empty).ToList() ?? [];

    /// <summary>Forgets the resolved id of a row that has run (its id was taken when it started).</summary>
    public static void Release(ITest test) => Resolved.TryRemove(test, out _);

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
