using Hologram.Testing.History;
using Hologram.Testing.History.Storage;
using Microsoft.Data.Sqlite;
using static Hologram.Testing.Tests.History.HistoryTestData;

namespace Hologram.Testing.Tests.History;

public sealed class AttemptBatchTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "hologram-batch-" + Guid.NewGuid().ToString("N"));

    public AttemptBatchTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    // Every field, with the values that are easy to get wrong: nulls, empty strings, non-ASCII text, an offset time,
    // sub-millisecond durations, each outcome and flag.
    private static List<TestAttempt> Varied() =>
    [
        Attempt("run-1", "B.Test(\"ünïcødé ✓ 🚀\")", outcome: TestOutcome.Failed) with
        {
            ErrorMessage = "Expected \"é\" but was \"e\"\nsecond line",
            Quarantined = true,
            DurationMs = 0.000123,
            FinishedAt = new DateTimeOffset(2025, 3, 1, 14, 30, 15, 123, TimeSpan.FromHours(2)),
        },
        Attempt("run-1", "A.Test(1, \"x\")", attempt: 2, isFinal: false) with { Categories = [], DisplayName = string.Empty },
        Attempt("run-1", "C.Test", outcome: TestOutcome.Skipped) with { ErrorMessage = "skipped at run time", ErrorSignature = null },
        Attempt("run-2", "A.Test(1, \"x\")") with { Categories = ["Phase6Perf"], ClassName = "Ünï.Class" },
    ];

    private static void AssertSame(TestAttempt expected, TestAttempt actual)
    {
        Assert.Equal(expected.Categories, actual.Categories);
        Assert.Equal(expected with { Categories = [] }, actual with { Categories = [] });
        Assert.Equal(expected.FinishedAt.Offset, actual.FinishedAt.Offset);
    }

    [Fact]
    public void Every_field_reads_back_as_it_was_added()
    {
        var batch = new AttemptBatch();
        var attempts = Varied();
        attempts.ForEach(batch.Add);

        Assert.Equal(attempts.Count, batch.Count);
        for (var i = 0; i < attempts.Count; i++)
        {
            AssertSame(attempts[i], batch[i].ToAttempt());
        }
    }

    [Fact]
    public void Sorting_orders_by_test_id_and_a_cleared_batch_takes_new_attempts()
    {
        var batch = new AttemptBatch();
        var attempts = Varied();
        attempts.ForEach(batch.Add);
        batch.SortByTestId();

        Assert.Equal(
            attempts.Select(a => a.TestId).Order(StringComparer.Ordinal),
            batch.ToList().Select(a => a.TestId));

        batch.Clear();
        Assert.Equal(0, batch.Count);
        batch.Add(attempts[2]);
        AssertSame(attempts[2], Assert.Single(batch.ToList()));
    }

    [Fact]
    public void A_batch_larger_than_the_first_buffer_keeps_every_attempt()
    {
        var batch = new AttemptBatch();
        var longArgument = new string('x', 5_000);
        for (var i = 0; i < 2_000; i++)
        {
            batch.Add(Attempt("run-1", $"T.M(\"{longArgument}\", {i})"));
        }

        Assert.True(batch.Bytes > 64 * 1024);
        Assert.Equal(Enumerable.Range(0, 2_000).Select(i => $"T.M(\"{longArgument}\", {i})"), batch.ToList().Select(a => a.TestId));
    }

    [Fact]
    public Task The_sqlite_store_keeps_a_batch_exactly_as_it_keeps_the_same_attempts_given_as_objects() => SameAsObjectsAsync("sqlite");

    [PostgresFact]
    public Task The_postgres_store_keeps_a_batch_exactly_as_it_keeps_the_same_attempts_given_as_objects() => SameAsObjectsAsync("postgres");

    [Fact]
    public Task Sqlite_reports_a_batch_row_whose_key_is_taken_by_a_different_result_and_not_an_identical_one() => CollisionsAsync("sqlite");

    [PostgresFact]
    public Task Postgres_reports_a_batch_row_whose_key_is_taken_by_a_different_result_and_not_an_identical_one() => CollisionsAsync("postgres");

    private readonly List<string> schemas = [];

    private async Task<IHistoryStore> OpenAsync(string backend, string name)
    {
        if (backend == "sqlite")
        {
            return await HistoryStores.OpenAsync($"sqlite:{name}.db", root);
        }

        var (store, schema) = await PostgresTestServer.CreateSchemaAsync();
        schemas.Add(schema);
        return await HistoryStores.OpenAsync(store, root);
    }

    private async Task DropSchemasAsync()
    {
        foreach (var schema in schemas)
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    private async Task SameAsObjectsAsync(string backend)
    {
        var attempts = Varied();
        await using var fromBatch = await OpenAsync(backend, "batch");
        await using var fromObjects = await OpenAsync(backend, "objects");
        foreach (var store in new[] { fromBatch, fromObjects })
        {
            await store.BeginRunAsync(Run("run-1"));
            await store.BeginRunAsync(Run("run-2"));
        }

        var batch = new AttemptBatch();
        attempts.ForEach(batch.Add);
        batch.SortByTestId();
        Assert.Empty(await ((SqlHistoryStore)fromBatch).AppendAttemptBatchAsync(batch));
        await fromObjects.AppendAttemptsAsync(attempts);

        foreach (var runId in new[] { "run-1", "run-2" })
        {
            var expected = attempts.Where(a => a.RunId == runId).OrderBy(a => a.TestId, StringComparer.Ordinal).ThenBy(a => a.Attempt).ToList();
            var viaBatch = (await fromBatch.GetAttemptsAsync(runId)).OrderBy(a => a.TestId, StringComparer.Ordinal).ThenBy(a => a.Attempt).ToList();
            var viaObjects = (await fromObjects.GetAttemptsAsync(runId)).OrderBy(a => a.TestId, StringComparer.Ordinal).ThenBy(a => a.Attempt).ToList();
            Assert.Equal(expected.Count, viaBatch.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                // The store keeps times to the millisecond, in UTC.
                Assert.Equal(viaObjects[i].Categories, viaBatch[i].Categories);
                Assert.Equal(viaObjects[i] with { Categories = [] }, viaBatch[i] with { Categories = [] });
                Assert.Equal(expected[i].FinishedAt, viaBatch[i].FinishedAt);
                Assert.Equal(expected[i].Categories, viaBatch[i].Categories);
                Assert.Equal(
                    expected[i] with { Categories = [], FinishedAt = viaBatch[i].FinishedAt },
                    viaBatch[i] with { Categories = [] });
            }
        }

        await DropSchemasAsync();
    }

    private async Task CollisionsAsync(string backend)
    {
        await using var store = await OpenAsync(backend, "collide");
        await store.BeginRunAsync(Run("run-1"));
        var stored = Attempt("run-1", "T.Same");
        var differing = Attempt("run-1", "T.Differs");
        await store.AppendAttemptsAsync([stored, differing]);

        var batch = new AttemptBatch();
        batch.Add(stored);
        batch.Add(differing with { Outcome = TestOutcome.Failed, ErrorMessage = "boom" });
        batch.Add(Attempt("run-1", "T.New"));
        // The same key twice in one batch: the first row is stored, the second differs from it.
        batch.Add(Attempt("run-1", "T.Twice"));
        batch.Add(Attempt("run-1", "T.Twice") with { DurationMs = 99 });
        batch.SortByTestId();
        var collided = await ((SqlHistoryStore)store).AppendAttemptBatchAsync(batch);

        Assert.Equal(["T.Differs", "T.Twice"], collided.Select(a => a.TestId).Order(StringComparer.Ordinal));
        Assert.Equal(99, collided.Single(a => a.TestId == "T.Twice").DurationMs);
        Assert.Equal(["T.Differs", "T.New", "T.Same", "T.Twice"], (await store.GetAttemptsAsync("run-1")).Select(a => a.TestId).Order(StringComparer.Ordinal));
        await DropSchemasAsync();
    }
}
