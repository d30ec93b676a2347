using System.Runtime.CompilerServices;
using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>Maps an xUnit v2 test case to Hologram's stable test id (see <see cref="TestIds"/>).</summary>
internal static class XunitTestIds
{
    private static readonly ConditionalWeakTable<IXunitTestCase, RowGroup> Groups = [];

    /// <summary>
    /// Registers test cases: the data rows of one test method are resolved together (<see cref="TestIds.Resolve"/>,
    /// with xUnit's unique id as the exact key) when the first of them needs its id. A sharded run registers all its
    /// cases before choosing its shard; otherwise each test method registers its own cases when it starts to run, on
    /// xUnit's worker thread (reading a case's arguments initialises it: done up front for 50,000 rows, that would
    /// delay every test by seconds). Rows that format alike also look alike to every name or trait filter, so the
    /// group is the same in a filtered run. Cases already registered keep their group.
    /// </summary>
    public static void Register(IEnumerable<IXunitTestCase> testCases)
    {
        foreach (var group in testCases
            .Where(testCase => !Groups.TryGetValue(testCase, out _) && testCase.TestMethodArguments is { Length: > 0 })
            .GroupBy(testCase => (testCase.TestMethod.TestClass.Class.Name, testCase.TestMethod.Method.Name))
            .Where(group => group.Skip(1).Any()))
        {
            var rows = new RowGroup(group.ToList());
            foreach (var testCase in rows.Cases)
            {
                Groups.AddOrUpdate(testCase, rows);
            }
        }
    }

    public static string For(IXunitTestCase testCase) =>
        Groups.TryGetValue(testCase, out var group) ? group.IdOf(testCase) : Readable(testCase);

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

    private static string Readable(IXunitTestCase testCase)
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

    private sealed class RowGroup(IReadOnlyList<IXunitTestCase> cases)
    {
        private readonly Lazy<Dictionary<IXunitTestCase, string>> ids = new(() =>
        {
            // xUnit computes a case's unique id on first use (a hash of its serialized arguments): only rows whose
            // readable ids collide need it, so it is read for those alone.
            var resolved = TestIds.Resolve(cases.Select(Readable).ToList(), new UniqueIds(cases));
            var map = new Dictionary<IXunitTestCase, string>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < cases.Count; i++)
            {
                map[cases[i]] = resolved[i];
            }

            return map;
        });

        public IReadOnlyList<IXunitTestCase> Cases => cases;

        public string IdOf(IXunitTestCase testCase) => ids.Value[testCase];
    }

    /// <summary>The cases' unique ids, each read when asked for.</summary>
    private sealed class UniqueIds(IReadOnlyList<IXunitTestCase> cases) : IReadOnlyList<string>
    {
        public int Count => cases.Count;

        public string this[int index] => cases[index].UniqueID;

        public IEnumerator<string> GetEnumerator() => cases.Select(c => c.UniqueID).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
