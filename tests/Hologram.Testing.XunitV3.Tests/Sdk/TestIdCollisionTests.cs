using Hologram.Testing.History;
using Hologram.Testing.TestSupport;

namespace Hologram.Testing.XunitV3.Tests.Sdk;

// Data rows whose arguments xUnit formats alike (strings cut at 50 characters, arrays at 5 items) are distinct test
// cases: every executed one must be recorded under its own id.
public sealed class TestIdCollisionTests
{
    private const string Long = "0123456789012345678901234567890123456789012345678901234567890123456789";

    [Fact]
    public async Task Rows_that_format_alike_are_all_recorded_under_distinct_stable_ids()
    {
        var first = await RunAsync();
        var second = await RunAsync();

        Assert.True(first.Executed == 6, string.Join(" | ", first.Ids));
        Assert.True(first.Executed == first.Ids.Count, string.Join(" | ", first.Ids));
        Assert.Equal(first.Ids.Count, first.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first.Ids.Order(StringComparer.Ordinal), second.Ids.Order(StringComparer.Ordinal));
        // The row that collides with nothing keeps its readable id.
        Assert.Contains(first.Ids, id => id.EndsWith(".Text(text: \"short\")", StringComparison.Ordinal));
        Assert.Equal(4, first.Ids.Count(id => id.Contains(")#", StringComparison.Ordinal) || id.Contains(")~", StringComparison.Ordinal)));
    }

    private static async Task<(int Executed, IReadOnlyList<string> Ids)> RunAsync()
    {
        using var scenario = new ClockScenario();
        var options = scenario.BeginSession(flaky: false);
        var result = await InProcessRun.RunAsync(options, scenario.Clock, typeof(AlikeRows));
        await using var store = await scenario.OpenStoreAsync();
        var run = (await store.GetRunsAsync(1)).Single();
        var attempts = await store.GetAttemptsAsync(run.RunId);
        return (result.Passed, attempts.Select(a => a.TestId).ToList());
    }

    // Private: discovered only when InProcessRun names it.
    private sealed class AlikeRows
    {
        [Theory]
        [InlineData(Long + "a")]
        [InlineData(Long + "b")]
        [InlineData("short")]
        public void Text(string text) => Assert.NotNull(text);

        [Theory]
        [InlineData(new[] { 1, 2, 3, 4, 5, 6 })]
        [InlineData(new[] { 1, 2, 3, 4, 5, 7 })]
        [InlineData(new[] { 1 })]
        public void Items(int[] items) => Assert.NotEmpty(items);
    }
}
