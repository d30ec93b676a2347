using Hologram.Testing.Tests.History;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Faults;

/// <summary>
/// 8 test runs with flaky tests at once into one store: every attempt recorded once, and the quarantine policy of
/// the runs that end together writes one audit entry per test it really quarantines.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ConcurrentRunsTests(ITestOutputHelper output)
{
    [Fact]
    public Task Eight_runs_into_one_sqlite_store() => ConcurrentAsync(null, runs: 8, tests: 200, rounds: 1);

    [PostgresFact]
    public Task Eight_runs_into_one_postgres_store() => WithSchemaAsync(store => ConcurrentAsync(store, runs: 8, tests: 200, rounds: 1));

    [NoCiFact]
    [Trait("Category", "NoCi")]
    public Task Eight_runs_of_2000_tests_three_times_into_sqlite() => ConcurrentAsync(null, runs: 8, tests: 2000, rounds: 3);

    [NoCiFact]
    [Trait("Category", "NoCi")]
    public Task Eight_runs_of_2000_tests_three_times_into_postgres() => WithSchemaAsync(store => ConcurrentAsync(store, runs: 8, tests: 2000, rounds: 3));

    private static async Task WithSchemaAsync(Func<string, Task> test)
    {
        var (connectionString, schema) = await PostgresTestServer.CreateSchemaAsync();
        try
        {
            await test(connectionString);
        }
        finally
        {
            await PostgresTestServer.DropSchemaAsync(schema);
        }
    }

    private async Task ConcurrentAsync(string? store, int runs, int tests, int rounds)
    {
        using var repository = new FaultRepository(store);
        var results = new List<SuiteResult>();
        for (var round = 0; round < rounds; round++)
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, runs).Select(_ => repository.RunSuiteAsync(tests, flakyEvery: 10)));
            Assert.All(batch, r => r.AssertCompleted());
            results.AddRange(batch);
        }

        var ledger = await StoreLedger.ReadAsync(repository.Store);
        var total = runs * rounds;
        Assert.All(results, r => Assert.Equal(r.AttemptsReported, ledger.AttemptsOf(r.RunId)));
        Assert.Equal(total, ledger.Runs);
        Assert.Equal(total, ledger.EndedRuns);
        Assert.Equal(0, ledger.Duplicates(total));
        Assert.Empty(repository.SpoolFiles);

        // Every flaky test flaked in every run: each is quarantined, by exactly one audit entry however many runs decided
        // it (with more rounds the policy may also release some after Flake:ReleaseAfter passing runs: one entry each).
        if (rounds == 1)
        {
            Assert.Equal(results[0].Plan.FlakyTests, ledger.Quarantined);
            Assert.Equal(ledger.Quarantined, ledger.QuarantineAudit);
        }

        FaultTable.AssertAudit(ledger);
        FaultTable.Print(output, new FaultRow(
            $"{runs} concurrent runs × {rounds} round(s), {tests} tests (10% flaky), {(store is null ? "SQLite" : "PostgreSQL")}",
            total,
            results.Sum(r => r.AttemptsReported).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ledger.Attempts,
            ledger.Duplicates(total),
            FaultTable.Audit(ledger)));
    }
}
