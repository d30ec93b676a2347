using System.Collections.Concurrent;

namespace Hologram.Testing.Sdk;

/// <summary>
/// The test ids of an adapter's data rows, resolved per test method: the rows of one method are resolved together
/// (<see cref="TestIds.Resolve"/>) when the first of them needs its id, so rows that read alike get distinct ids from
/// their own exact keys; every other case keeps its readable id. Thread-safe. Create one per run: it holds the cases
/// it was given (by reference, no weak handles: a weak table's handles are scanned by every garbage collection, which
/// cost seconds on a suite of 50,000 rows) until each is <see cref="Release">released</see>.
/// </summary>
/// <typeparam name="TCase">The framework's test case type (compared by reference).</typeparam>
public sealed class TestIdGroups<TCase>
    where TCase : class
{
    private readonly ConcurrentDictionary<TCase, Group> groups = new(ReferenceEqualityComparer.Instance);
    private readonly Func<TCase, string> readable;
    private readonly Func<TCase, string> exactKey;

    /// <summary>Creates the groups of one adapter.</summary>
    /// <param name="readable">A case's readable id (<see cref="TestIds.Create"/>).</param>
    /// <param name="exactKey">A case's exact key, read only for rows whose readable ids collide (e.g. the framework's unique id).</param>
    public TestIdGroups(Func<TCase, string> readable, Func<TCase, string> exactKey)
    {
        this.readable = readable ?? throw new ArgumentNullException(nameof(readable));
        this.exactKey = exactKey ?? throw new ArgumentNullException(nameof(exactKey));
    }

    /// <summary>
    /// Registers data rows, grouped by test method; a method with a single row needs no group. Cases already registered
    /// keep their group, so a later, smaller registration (one method's rows) never changes an id given out.
    /// </summary>
    /// <param name="dataRows">The data rows (cases with arguments).</param>
    /// <param name="methodOf">A case's class and method name.</param>
    public void Register(IEnumerable<TCase> dataRows, Func<TCase, (string Class, string Method)> methodOf)
    {
        ArgumentNullException.ThrowIfNull(dataRows);
        ArgumentNullException.ThrowIfNull(methodOf);
        foreach (var rows in dataRows
            .Where(testCase => !groups.TryGetValue(testCase, out _))
            .GroupBy(methodOf)
            .Where(rows => rows.Skip(1).Any()))
        {
            var group = new Group(this, rows.ToList());
            foreach (var testCase in group.Cases)
            {
                groups.TryAdd(testCase, group);
            }
        }
    }

    /// <summary>The id of <paramref name="testCase"/>: resolved within its group, or its readable id.</summary>
    /// <param name="testCase">The test case.</param>
    public string For(TCase testCase) =>
        groups.TryGetValue(testCase, out var group) ? group.IdOf(testCase) : readable(testCase);

    /// <summary>
    /// Forgets <paramref name="testCase"/> once its attempts are recorded, so that a group's ids are dropped when its
    /// last row has run; asked again, the case gets its readable id.
    /// </summary>
    /// <param name="testCase">The test case.</param>
    public void Release(TCase testCase) => groups.TryRemove(testCase, out _);

    private sealed class Group(TestIdGroups<TCase> owner, IReadOnlyList<TCase> cases)
    {
        private readonly Lazy<Dictionary<TCase, string>> ids = new(() =>
        {
            var resolved = TestIds.Resolve(cases, owner.readable, owner.exactKey);
            var map = new Dictionary<TCase, string>(ReferenceEqualityComparer.Instance);
            for (var i = 0; i < cases.Count; i++)
            {
                map[cases[i]] = resolved[i];
            }

            return map;
        });

        public IReadOnlyList<TCase> Cases => cases;

        public string IdOf(TCase testCase) => ids.Value[testCase];
    }
}
