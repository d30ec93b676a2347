using Hologram.Testing.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>Maps an xUnit v2 test case to Hologram's stable test id (see <see cref="TestIds"/>); one per run.</summary>
internal sealed class XunitTestIds
{
    // xUnit computes a case's unique id on first use (a hash of its serialized arguments): only rows whose readable ids
    // collide need it, so it is read for those alone.
    private readonly TestIdGroups<IXunitTestCase> _groups = new(Readable, testCase => testCase.UniqueID);

    /// <summary>
    /// Registers test cases: the data rows of one test method are resolved together (<see cref="TestIds.Resolve"/>,
    /// with xUnit's unique id as the exact key) when the first of them needs its id. A sharded run registers all its
    /// cases before choosing its shard; otherwise each test method registers its own cases when it starts to run, on
    /// xUnit's worker thread (reading a case's arguments initialises it: done up front for 50,000 rows, that would
    /// delay every test by seconds). Rows that format alike also look alike to every name or trait filter, so the
    /// group is the same in a filtered run. Cases already registered keep their group.
    /// </summary>
    public void Register(IEnumerable<IXunitTestCase> testCases) =>
        _groups.Register(
            testCases.Where(testCase => testCase.TestMethodArguments is { Length: > 0 }),
            testCase => (testCase.TestMethod.TestClass.Class.Name, testCase.TestMethod.Method.Name));

    public string For(IXunitTestCase testCase) => _groups.For(testCase);

    /// <summary>Forgets a test case whose attempts are all recorded (see <see cref="TestIdGroups{TCase}.Release"/>).</summary>
    public void Release(IXunitTestCase testCase) => _groups.Release(testCase);

    /// <summary>The id of one executed test: a row of a theory enumerated at run time gets its arguments from the test's name.</summary>
    public string For(ITest test)
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
}
