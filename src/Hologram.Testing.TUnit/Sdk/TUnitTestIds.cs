using Hologram.Testing.Sdk;
using TUnit.Core;

namespace Hologram.Testing.TUnit.Sdk;

/// <summary>
/// Maps a TUnit test to Hologram's stable test id (see <see cref="TestIds"/>), the same as the other adapters build:
/// <c>Namespace.Class.Method</c>, and for a data row its arguments, <c>Namespace.Class.Rows(value: 1)</c>. One per run.
/// </summary>
/// <remarks>
/// Data rows are collected as TUnit discovers them and resolved together per test method (<see cref="TestIdGroups{TCase}"/>)
/// when the first test is registered, so rows that read alike get distinct ids from their own exact arguments.
/// </remarks>
internal sealed class TUnitTestIds
{
    private readonly TestIdGroups<TestContext> _groups = new(Readable, ExactKey);
    private readonly List<TestContext> _pending = [];
    private readonly Lock _gate = new();

    /// <summary>Keeps a discovered data row until the ids of its method are resolved.</summary>
    public void Discovered(TestContext test)
    {
        if (IsDataRow(test.Metadata.TestDetails))
        {
            lock (_gate)
            {
                _pending.Add(test);
            }
        }
    }

    /// <summary>The id of a test.</summary>
    public string For(TestContext test)
    {
        if (!IsDataRow(test.Metadata.TestDetails))
        {
            return Readable(test);
        }

        lock (_gate)
        {
            if (_pending.Count > 0)
            {
                _groups.Register(_pending, static t => (t.Metadata.TestDetails.ClassType.FullName ?? string.Empty, t.Metadata.TestDetails.MethodName));
                _pending.Clear();
            }
        }

        return _groups.For(test);
    }

    /// <summary>Forgets a test whose attempts are all recorded.</summary>
    public void Release(TestContext test) => _groups.Release(test);

    private static bool IsDataRow(TestDetails details) => details.TestMethodArguments.Length > 0 || details.TestClassArguments.Length > 0;

    private static string Readable(TestContext test)
    {
        var details = test.Metadata.TestDetails;
        string? arguments = null;
        if (details.TestMethodArguments is { Length: > 0 } values)
        {
            var names = details.MethodMetadata.Parameters.Select(p => p.Name).ToList();
            arguments = TestIds.FormatArguments(names, values);
        }

        return TestIds.Create(details.ClassType.FullName ?? details.ClassType.Name, details.MethodName, arguments);
    }

    private static string ExactKey(TestContext test)
    {
        var details = test.Metadata.TestDetails;
        return TestIds.ExactArguments(details.TestMethodArguments) + "|" + TestIds.ExactArguments(details.TestClassArguments);
    }
}
