using Hologram.Testing.History;
using Hologram.Testing.Xunit.Tests.Acceptance;
using Microsoft.Data.Sqlite;

namespace Hologram.Testing.Xunit.Tests.Sdk;

// Data rows whose arguments xUnit.net v2 formats alike (strings cut at 50 characters, arrays at 5 items) are distinct
// test cases: every executed one must be recorded under its own id, the same in every run.
public sealed class TestIdCollisionTests : IDisposable
{
    private const string Long = "0123456789012345678901234567890123456789012345678901234567890123456789";

    private readonly string root = Directory.CreateTempSubdirectory("hologram-xunit-ids-").FullName;

    public TestIdCollisionTests() => Directory.CreateDirectory(Path.Combine(root, ".git"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory must not fail the test.
        }
    }

    [Fact]
    public async Task Rows_that_format_alike_are_all_recorded_under_distinct_stable_ids()
    {
        var first = await RunAsync();
        var second = await RunAsync();

        Assert.True(first.Executed == 6, string.Join(" | ", first.Ids));
        Assert.True(first.Executed == first.Ids.Count, string.Join(" | ", first.Ids));
        Assert.Equal(first.Ids.Count, first.Ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(first.Ids.Order(StringComparer.Ordinal), second.Ids.Order(StringComparer.Ordinal));
        // The rows that collide with nothing keep their readable ids.
        Assert.Contains(first.Ids, id => id.EndsWith("+AlikeRows.Text(text: \"short\")", StringComparison.Ordinal));
        Assert.Contains(first.Ids, id => id.EndsWith("+AlikeRows.Items(items: [1])", StringComparison.Ordinal));
        Assert.Equal(4, first.Ids.Count(id => id.Contains(")#", StringComparison.Ordinal) || id.Contains(")~", StringComparison.Ordinal)));
        Assert.False(Directory.Exists(Path.Combine(root, "reports", "spool", "collisions")));
    }

    private async Task<(int Executed, IReadOnlyList<string> Ids)> RunAsync()
    {
        var options = TestOptions.In(root, ("HOLOGRAM_STORE", "sqlite:reports/hologram.db"), ("HOLOGRAM_PROFILE", "dev"));
        var result = await InProcessRun.RunAsync(options, typeof(AlikeRows));
        await using var store = await HistoryStores.OpenAsync("sqlite:reports/hologram.db", root);
        var run = (await store.GetRunsAsync(1)).Single();
        var attempts = await store.GetAttemptsAsync(run.RunId);
        return (result.Passed.Count, attempts.Select(a => a.TestId).ToList());
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
