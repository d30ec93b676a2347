using System.Diagnostics;
using Hologram.Testing.Xunit.Sdk;
using Hologram.Testing.Xunit.Tests.Acceptance;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Tests.Sdk;

// Every id of a theory-heavy suite resolved up front, as a sharded run does before selecting its shard: distinct,
// the same when the cases are discovered again, and what it costs (printed; figures in docs/benchmarks.md).
public sealed class TestIdResolutionCostTests(ITestOutputHelper output)
{
    [Fact]
    public void Ids_of_2000_theory_rows_resolved_up_front_are_distinct_and_stable() => Measure(typeof(Rows2000), 2_000);

    [Fact]
    [Trait("Category", "NoCi")]
    public void Ids_of_50000_theory_rows_resolved_up_front_are_distinct_and_stable() => Measure(typeof(Rows50000), 50_000);

    private void Measure(Type type, int rows)
    {
        var clock = Stopwatch.StartNew();
        var cases = InProcessRun.Discover(type);
        var discovery = clock.Elapsed;
        Assert.Equal(rows, cases.Count);

        // xUnit's own work on first use of a case (what a plain run pays too, lazily), apart from Hologram's.
        clock.Restart();
        foreach (var testCase in cases)
        {
            _ = testCase.DisplayName;
        }

        var initialise = clock.Elapsed;
        clock.Restart();
        var ids = Resolve(cases);
        var resolve = clock.Elapsed;

        // The readable ids alone, without resolving rows that read alike (what a sharded run built before).
        var fresh = InProcessRun.Discover(type);
        foreach (var testCase in fresh)
        {
            _ = testCase.DisplayName;
        }

        clock.Restart();
        var readable = fresh.Select(new XunitTestIds().For).ToList();
        var readableOnly = clock.Elapsed;
        Assert.Equal(rows - (rows / 10) + 1, readable.Distinct(StringComparer.Ordinal).Count());

        Assert.Equal(rows, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(rows / 10, ids.Count(id => id.Contains(")#", StringComparison.Ordinal)));
        Assert.Equal(ids, Resolve(InProcessRun.Discover(type)));
        output.WriteLine(
            $"{rows} rows: discovery {discovery.TotalMilliseconds:F0} ms, xUnit case initialisation {initialise.TotalMilliseconds:F0} ms, "
            + $"ids resolved up front {resolve.TotalMilliseconds:F1} ms ({resolve.TotalMicroseconds / rows:F2} µs per row), "
            + $"readable ids alone {readableOnly.TotalMilliseconds:F1} ms ({readableOnly.TotalMicroseconds / rows:F2} µs per row)");
    }

    private static List<string> Resolve(IReadOnlyList<IXunitTestCase> cases)
    {
        var ids = new XunitTestIds();
        ids.Register(cases);
        return cases.Select(ids.For).ToList();
    }

    // 130-character arguments, as in the realistic benchmark suite; one row in ten shares its first 60 characters
    // (and so its display form, cut at 50) with the others of its method.
    private static IEnumerable<object[]> Data(int rows, int methods, int method)
    {
        var shared = new string('s', 60);
        for (var i = method; i < rows; i += methods)
        {
            var text = i % 10 == 0
                ? shared + i.ToString("D70", System.Globalization.CultureInfo.InvariantCulture)
                : i.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 120);
            yield return [text];
        }
    }

    private sealed class Rows2000
    {
        public static IEnumerable<object[]> A => Data(2_000, 2, 0);

        public static IEnumerable<object[]> B => Data(2_000, 2, 1);

        [Theory]
        [MemberData(nameof(A))]
        public void First(string text) => Assert.NotNull(text);

        [Theory]
        [MemberData(nameof(B))]
        public void Second(string text) => Assert.NotNull(text);
    }

    private sealed class Rows50000
    {
        public static IEnumerable<object[]> A => Data(50_000, 2, 0);

        public static IEnumerable<object[]> B => Data(50_000, 2, 1);

        [Theory]
        [MemberData(nameof(A))]
        public void First(string text) => Assert.NotNull(text);

        [Theory]
        [MemberData(nameof(B))]
        public void Second(string text) => Assert.NotNull(text);
    }
}
