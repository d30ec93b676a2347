using Hologram.Testing.Sdk;
using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>Maps an xUnit v3 test case or test to Hologram's stable test id (see <see cref="TestIds"/>); one per run.</summary>
internal sealed class XunitV3TestIds
{
    private readonly TestIdGroups<IXunitTestCase> _groups = new(Readable, testCase => testCase.UniqueID);

    /// <summary>
    /// Registers the test cases of a run, before sharding: the data rows of one test method are resolved together
    /// (<see cref="TestIds.Resolve"/>, with xUnit's unique id as the exact key) when the first of them needs its id.
    /// Rows that format alike also look alike to every name or trait filter, so the group is the same in a filtered run.
    /// </summary>
    public void Register(IEnumerable<IXunitTestCase> testCases) =>
        _groups.Register(testCases.Where(IsDataRow), testCase => (testCase.TestClassName, testCase.TestMethodName));

    /// <summary>The id of a test case: a pre-enumerated data row carries its arguments (from its display name).</summary>
    public string For(IXunitTestCase testCase) => _groups.For(Unwrapped(testCase));

    /// <summary>Forgets a test case whose attempts are all recorded (see <see cref="TestIdGroups{TCase}.Release"/>).</summary>
    public void Release(IXunitTestCase testCase) => _groups.Release(Unwrapped(testCase));

    /// <summary>The id of one executed test: a row of a theory enumerated at run time gets its arguments from the test's name.</summary>
    public string For(IXunitTestCase testCase, string? testDisplayName)
    {
        if (testDisplayName is null || IsDataRow(testCase) || testDisplayName == testCase.TestCaseDisplayName)
        {
            return For(testCase);
        }

        return TestIds.Create(testCase.TestClassName, testCase.TestMethodName, ArgumentsOf(testDisplayName));
    }

    private static string Readable(IXunitTestCase testCase)
    {
        string? arguments = null;
        if (IsDataRow(testCase))
        {
            arguments = ArgumentsOf(testCase.TestCaseDisplayName) ?? testCase.UniqueID;
        }

        return TestIds.Create(testCase.TestClassName, testCase.TestMethodName, arguments);
    }

    private static bool IsDataRow(IXunitTestCase testCase) => Unwrapped(testCase) is XunitTestCase { TestMethodArguments.Length: > 0 };

    private static IXunitTestCase Unwrapped(IXunitTestCase testCase) => testCase is HologramTestCase hologram ? hologram.Inner : testCase;

    private static string? ArgumentsOf(string displayName)
    {
        var open = displayName.IndexOf('(', StringComparison.Ordinal);
        return open >= 0 ? displayName[open..] : null;
    }
}
