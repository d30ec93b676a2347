using Hologram.Testing.History;
using static Hologram.Testing.Tests.History.HistoryTestData;

namespace Hologram.Testing.Tests.History;

/// <summary>The behaviour every history store backend must show; run once per backend by the derived classes.</summary>
public abstract class HistoryStoreContractTests : IAsyncLifetime
{
    private IHistoryStore? store;

    protected IHistoryStore Store => store ?? throw new InvalidOperationException("store not opened");

    /// <summary>The <c>Store</c> setting for a fresh, empty store.</summary>
    protected abstract Task<string> CreateStoreStringAsync();

    protected abstract Task CleanUpAsync();

    public virtual async Task InitializeAsync()
    {
        if (!IsAvailable)
        {
            return;
        }

        store = await HistoryStores.OpenAsync(await CreateStoreStringAsync(), Path.GetTempPath());
    }

    public async Task DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        await CleanUpAsync();
    }

    /// <summary>False when the backend's tests are skipped (no server configured outside CI).</summary>
    protected virtual bool IsAvailable => true;

    protected Task<IHistoryStore> OpenAnotherAsync(string storeString) => HistoryStores.OpenAsync(storeString, Path.GetTempPath());

    public virtual async Task Runs_and_attempts_round_trip()
    {
        var run = Run("run-1", T0, ended: T0.AddMinutes(1));
        await Store.BeginRunAsync(run);
        var attempts = new[]
        {
            Attempt("run-1", "T.A", 1, TestOutcome.Failed, isFinal: false),
            Attempt("run-1", "T.A", 2, TestOutcome.Passed),
            Attempt("run-1", "T.B", 1, TestOutcome.Skipped) with { ErrorMessage = "skipped: no IPFS", Categories = [] },
            Attempt("run-1", "T.C", 1, TestOutcome.Failed) with { Quarantined = true },
        };
        await Store.AppendAttemptsAsync(attempts);

        var runs = await Store.GetRunsAsync(10);
        Assert.Equal(run, Assert.Single(runs));
        var stored = await Store.GetAttemptsAsync("run-1");
        Assert.Equal(attempts.Length, stored.Count);
        for (var i = 0; i < attempts.Length; i++)
        {
            Assert.Equal(attempts[i] with { Categories = [] }, stored[i] with { Categories = [] });
            Assert.Equal(attempts[i].Categories, stored[i].Categories);
        }
    }

    public virtual async Task Run_totals_aggregate_final_outcomes_per_run_newest_first()
    {
        await Store.BeginRunAsync(Run("run-1", T0));
        await Store.BeginRunAsync(Run("run-2", T0.AddHours(1)));
        await Store.BeginRunAsync(Run("run-3", T0.AddHours(2)));
        await Store.AppendAttemptsAsync(
        [
            Attempt("run-1", "T.A", 1, TestOutcome.Failed, isFinal: false),
            Attempt("run-1", "T.A", 2, TestOutcome.Passed),
            Attempt("run-1", "T.B", 1, TestOutcome.Skipped),
            Attempt("run-1", "T.C", 1, TestOutcome.Failed) with { Quarantined = true },
            Attempt("run-1", "T.D", 1, TestOutcome.Failed),
            Attempt("run-2", "T.A", 1, TestOutcome.Passed),
            Attempt("run-2", "T.B", 1, TestOutcome.Passed) with { DurationMs = 100 },
        ]);

        var totals = await Store.GetRunTotalsAsync(10);
        Assert.Equal(["run-3", "run-2", "run-1"], totals.Select(t => t.Run.RunId));
        var first = totals[2];
        Assert.Equal((1, 2, 1, 1, 1, 5, 4), (first.Passed, first.Failed, first.Skipped, first.PassedOnRetry, first.QuarantinedFailures, first.Attempts, first.Total));
        Assert.Equal(1, first.BlockingFailures);
        Assert.Equal(5 * 12.5, first.TestDurationMs, 6);
        Assert.Equal((2, 0, 0, 2, 112.5), (totals[1].Passed, totals[1].Failed, totals[1].PassedOnRetry, totals[1].Attempts, totals[1].TestDurationMs));
        Assert.Equal((0, 0, 0.0), (totals[0].Total, totals[0].Attempts, totals[0].TestDurationMs));
        Assert.Equal(Run("run-3", T0.AddHours(2)), totals[0].Run);

        Assert.Equal(["run-3", "run-2"], (await Store.GetRunTotalsAsync(2)).Select(t => t.Run.RunId));
        Assert.Empty(await Store.GetRunTotalsAsync(0));
    }

    public virtual async Task Begin_run_twice_keeps_the_end_time()
    {
        await Store.BeginRunAsync(Run("run-1"));
        await Store.EndRunAsync("run-1", T0.AddMinutes(5));
        await Store.BeginRunAsync(Run("run-1"));
        Assert.Equal(T0.AddMinutes(5), Assert.Single(await Store.GetRunsAsync(5)).EndedAt);
    }

    public virtual async Task Appends_are_idempotent()
    {
        await Store.BeginRunAsync(Run("run-1"));
        var batch = Enumerable.Range(0, 300).Select(i => Attempt("run-1", "T." + i)).ToArray();
        await Store.AppendAttemptsAsync(batch);
        await Store.AppendAttemptsAsync(batch);
        await Store.AppendAttemptsAsync(batch.Take(10).ToArray());
        Assert.Equal(300, (await Store.GetAttemptsAsync("run-1")).Count);

        var flake = new FlakeEvent { TestId = "T.1", RunId = "run-1", Commit = "abc123", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0, ErrorSignature = "s" };
        await Store.AddFlakesAsync([flake, flake]);
        await Store.AddFlakesAsync([flake with { Kind = FlakeKind.DifferentOutcomeSameCommit }]);
        var flakes = await Store.GetFlakesAsync(T0.AddDays(-1));
        Assert.Equal(2, flakes.Count);
        Assert.Equal(flake, flakes[0]);
        Assert.Single(await Store.GetFlakesAsync(T0, "T.1"), f => f.Kind == FlakeKind.PassedOnRetry);
        Assert.Empty(await Store.GetFlakesAsync(T0.AddSeconds(1)));
    }

    public virtual async Task Perf_records_round_trip_once_and_filter_by_time_branch_and_name()
    {
        var records = new[]
        {
            Perf("run-1", "encode", 1.25, T0),
            Perf("run-1", "encode", 3.5, T0, phase: "cold"),
            Perf("run-1", "decode", 0.75, T0.AddSeconds(1)) with { Commit = null },
            Perf("run-2", "encode", 1.5, T0.AddMinutes(1), branch: "feature/x", environment: "env-b"),
        };
        await Store.AppendPerfAsync(records);
        await Store.AppendPerfAsync(records);
        await Store.AppendPerfAsync([records[0] with { P95Ms = 99 }]);

        var all = await Store.GetPerfAsync(T0.AddDays(-1));
        Assert.Equal(records, all);
        Assert.Equal([records[0], records[1], records[2]], await Store.GetPerfAsync(T0, branch: "main"));
        Assert.Equal([records[0], records[1], records[3]], await Store.GetPerfAsync(T0, name: "encode"));
        Assert.Equal([records[3]], await Store.GetPerfAsync(T0.AddSeconds(2), name: "encode"));
        Assert.Empty(await Store.GetPerfAsync(T0, branch: "main", name: "missing"));
        await Store.AppendPerfAsync([]);

        // A sample too small for a bound keeps it infinite (as the spool and the CSV export write it).
        var unbounded = Perf("run-3", "small", 2, T0.AddDays(1)) with { P95LowerMs = double.NegativeInfinity, P95UpperMs = double.PositiveInfinity };
        await Store.AppendPerfAsync([unbounded]);
        Assert.Equal([unbounded], await Store.GetPerfAsync(T0.AddHours(1), name: "small"));
    }

    public virtual async Task Re_delivered_attempts_are_not_collisions()
    {
        await Store.BeginRunAsync(Run("run-1"));
        // More than one statement batch, and end times finer than the store keeps (a spool holds them in full).
        var batch = Enumerable.Range(0, 700)
            .Select(i => Attempt("run-1", "T." + i, outcome: i % 7 == 0 ? TestOutcome.Failed : TestOutcome.Passed, at: T0.AddTicks(1_234_567 + i)))
            .ToArray();
        Assert.Empty(await Store.AppendAttemptsReportingCollisionsAsync(batch));
        Assert.Empty(await Store.AppendAttemptsReportingCollisionsAsync(batch));
        Assert.Empty(await Store.AppendAttemptsReportingCollisionsAsync(batch.Reverse().Take(50).ToArray()));
        Assert.Equal(700, (await Store.GetAttemptsAsync("run-1")).Count);
    }

    public virtual async Task Different_results_under_one_key_are_reported_as_collisions()
    {
        await Store.BeginRunAsync(Run("run-1"));
        var first = Enumerable.Range(0, 7).Select(i => Attempt("run-1", "T." + i, outcome: TestOutcome.Failed)).ToArray();
        Assert.Empty(await Store.AppendAttemptsReportingCollisionsAsync(first));

        var later = new[]
        {
            first[0] with { Outcome = TestOutcome.Passed, ErrorMessage = null, ErrorSignature = null },
            first[1] with { DurationMs = first[1].DurationMs + 0.001 },
            first[2] with { ErrorMessage = "Expected 1 but was 3" },
            first[3] with { ErrorSignature = "sig000000002" },
            first[4] with { FinishedAt = first[4].FinishedAt.AddMilliseconds(1) },
            first[5] with { DisplayName = "another name, same result" }, // a re-delivery: the result is the same
            Attempt("run-1", "T.new"),
            first[6] with { ErrorMessage = null },
        };
        var collided = await Store.AppendAttemptsReportingCollisionsAsync(later);

        Assert.Equal([later[0], later[1], later[2], later[3], later[4], later[7]], collided);
        var stored = await Store.GetAttemptsAsync("run-1");
        Assert.Equal(8, stored.Count);
        Assert.All(stored.Take(7), s => Assert.Equal(TestOutcome.Failed, s.Outcome)); // the first result stays

        // Two results under one key in the same batch: the second collides with the first.
        var twice = new[] { Attempt("run-1", "T.twice"), Attempt("run-1", "T.twice") with { DurationMs = 99 } };
        Assert.Equal([twice[1]], await Store.AppendAttemptsReportingCollisionsAsync(twice));
    }

    public virtual async Task Quarantine_release_and_audit()
    {
        var entry = new QuarantineEntry { TestId = "T.A", Since = T0, Reason = "2 flakes in 7 days", By = "policy" };
        await Store.QuarantineAsync(entry);
        var manual = new QuarantineEntry { TestId = "T.B", Since = T0.AddHours(1), Reason = "known bug #12", By = "alice", Manual = true, Until = T0.AddDays(3) };
        await Store.QuarantineAsync(manual);
        await Store.QuarantineAsync(manual with { Reason = "known bug #13" });

        var quarantined = await Store.GetQuarantinedAsync();
        Assert.Equal([entry, manual with { Reason = "known bug #13" }], quarantined);

        Assert.True(await Store.ReleaseAsync("T.A", T0.AddDays(1), "10 consecutive passes", "policy"));
        Assert.False(await Store.ReleaseAsync("T.A", T0.AddDays(1), "again", "policy"));
        Assert.False(await Store.ReleaseAsync("T.nope", T0.AddDays(1), "never quarantined", "bob"));

        Assert.Equal(["T.B"], (await Store.GetQuarantinedAsync()).Select(q => q.TestId));
        var audit = await Store.GetAuditAsync();
        Assert.Equal(
            ["T.A quarantined policy", "T.B quarantined alice", "T.B quarantined alice", "T.A released policy"],
            audit.Select(a => $"{a.TestId} {a.Action} {a.By}"));
        Assert.Equal(T0.AddDays(1), audit[3].At);
        Assert.Equal("10 consecutive passes", audit[3].Reason);
        Assert.Equal(2, (await Store.GetAuditAsync("T.A")).Count);
    }

    public virtual async Task Quarantine_decisions_are_idempotent_across_concurrent_writers()
    {
        // 8 runs ending together decide the same quarantines: one row and one audit entry per test, `since` the first.
        const int Writers = 8;
        var ids = Enumerable.Range(0, 5).Select(i => "T.Q" + i).ToArray();
        var storeString = await StoreStringForReopenAsync();
        var stores = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => OpenAnotherAsync(storeString)));
        try
        {
            using var start = new ManualResetEventSlim();
            var writers = stores.Select((s, w) => Task.Run(async () =>
            {
                start.Wait();
                foreach (var id in ids)
                {
                    await s.QuarantineAsync(new QuarantineEntry { TestId = id, Since = T0.AddMilliseconds(w), Reason = $"2 flakes in 7 days (writer {w})", By = "policy" });
                }
            })).ToArray();
            start.Set();
            await Task.WhenAll(writers);
        }
        finally
        {
            foreach (var s in stores)
            {
                await s.DisposeAsync();
            }
        }

        var quarantined = await Store.GetQuarantinedAsync();
        Assert.Equal(ids, quarantined.Select(q => q.TestId));
        var audit = await Store.GetAuditAsync();
        Assert.Equal(ids.Order(StringComparer.Ordinal), audit.Select(a => a.TestId).Order(StringComparer.Ordinal));
        foreach (var q in quarantined)
        {
            var entry = Assert.Single(audit, a => a.TestId == q.TestId);
            Assert.Equal((entry.At, entry.Reason), (q.Since, q.Reason));
        }

        // A later policy decision for a quarantined test changes nothing; a manual one keeps `since`, audits once.
        var first = quarantined[0];
        await Store.QuarantineAsync(first with { Since = T0.AddDays(1), Reason = "3 flakes in 7 days" });
        var manual = first with { Since = T0.AddDays(2), Reason = "known bug #7", By = "alice", Manual = true };
        await Store.QuarantineAsync(manual);
        await Store.QuarantineAsync(manual with { Since = T0.AddDays(3) });
        Assert.Equal(manual with { Since = first.Since }, (await Store.GetQuarantinedAsync())[0]);
        Assert.Equal(["quarantined policy", "quarantined alice"], (await Store.GetAuditAsync(first.TestId)).Select(a => $"{a.Action} {a.By}"));
    }

    public virtual async Task Consecutive_passes_count_first_attempt_passes_from_the_latest_failed_attempt()
    {
        for (var i = 0; i < 6; i++)
        {
            var runId = "run-" + i;
            await Store.BeginRunAsync(Run(runId, T0.AddHours(i)));
            await Store.AppendAttemptsAsync(
            [
                Attempt(runId, "T.A", outcome: i == 2 ? TestOutcome.Failed : TestOutcome.Passed, at: T0.AddHours(i)),
                Attempt(runId, "T.B", outcome: i == 5 ? TestOutcome.Failed : TestOutcome.Passed, at: T0.AddHours(i)),
                Attempt(runId, "T.C", outcome: TestOutcome.Passed, at: T0.AddHours(i)),
                // a pass on retry is a flake, not a green: it never counts toward release
                Attempt(runId, "T.D", 1, TestOutcome.Failed, isFinal: false, at: T0.AddHours(i)),
                Attempt(runId, "T.D", 2, TestOutcome.Passed, at: T0.AddHours(i).AddSeconds(1)),
                // flaky in run 1 only: the greens after it count
                Attempt(runId, "T.E", 1, i == 1 ? TestOutcome.Failed : TestOutcome.Passed, isFinal: i != 1, at: T0.AddHours(i)),
            ]);
        }

        await Store.AppendAttemptsAsync([Attempt("run-1", "T.E", 2, TestOutcome.Passed, at: T0.AddHours(1).AddSeconds(1))]);

        var passes = await Store.GetConsecutivePassesAsync(["T.A", "T.B", "T.C", "T.D", "T.E", "T.none"]);
        Assert.Equal(3, passes["T.A"]);
        Assert.Equal(0, passes["T.B"]);
        Assert.Equal(6, passes["T.C"]);
        Assert.Equal(0, passes["T.D"]);
        Assert.Equal(4, passes["T.E"]);
        Assert.Equal(0, passes["T.none"]);
    }

    public virtual async Task Durations_are_the_mean_of_final_passed_or_failed_attempts_in_the_window()
    {
        await Store.BeginRunAsync(Run("old", T0.AddDays(-30)));
        await Store.BeginRunAsync(Run("r1", T0));
        await Store.BeginRunAsync(Run("r2", T0.AddHours(1)));
        await Store.AppendAttemptsAsync(
        [
            Attempt("old", "T.A") with { DurationMs = 1000 },
            Attempt("r1", "T.A") with { DurationMs = 10 },
            Attempt("r2", "T.A", outcome: TestOutcome.Failed) with { DurationMs = 30 },
            Attempt("r1", "T.B", attempt: 1, isFinal: false, outcome: TestOutcome.Failed) with { DurationMs = 500 },
            Attempt("r1", "T.B", attempt: 2) with { DurationMs = 5 },
            Attempt("r1", "T.S", outcome: TestOutcome.Skipped) with { DurationMs = 0 },
        ]);

        var durations = await Store.GetTestDurationsAsync(T0.AddMinutes(-1));

        Assert.Equal(2, durations.Count);
        Assert.Equal(20, durations["T.A"], 3);
        Assert.Equal(5, durations["T.B"], 3);
    }

    public virtual async Task Cross_run_flakes_are_found_on_the_same_commit_only()
    {
        await Store.BeginRunAsync(Run("r1", T0, "c1", T0.AddMinutes(1)));
        await Store.BeginRunAsync(Run("r2", T0.AddMinutes(10), "c1", T0.AddMinutes(11)));
        await Store.BeginRunAsync(Run("r3", T0.AddMinutes(20), "c2", T0.AddMinutes(21)));
        await Store.BeginRunAsync(Run("r4", T0.AddMinutes(30), "c1"));
        await Store.AppendAttemptsAsync(
        [
            Attempt("r1", "T.flaky", outcome: TestOutcome.Passed),
            Attempt("r2", "T.flaky", outcome: TestOutcome.Failed, signature: "sig-flaky"),
            Attempt("r1", "T.stable", outcome: TestOutcome.Failed),
            Attempt("r2", "T.stable", outcome: TestOutcome.Failed),
            Attempt("r3", "T.stable", outcome: TestOutcome.Passed),
            Attempt("r1", "T.skip", outcome: TestOutcome.Passed),
            Attempt("r2", "T.skip", outcome: TestOutcome.Skipped),
            Attempt("r4", "T.stable", outcome: TestOutcome.Passed), // r4 is still running: its final outcomes count
        ]);

        var flakes = await Store.FindCrossRunFlakesAsync(T0.AddDays(-1));
        Assert.Equal(2, flakes.Count);
        Assert.Equal(new FlakeEvent { TestId = "T.flaky", RunId = "r2", Commit = "c1", Kind = FlakeKind.DifferentOutcomeSameCommit, DetectedAt = T0.AddMinutes(11), ErrorSignature = "sig-flaky" }, flakes[0]);
        Assert.Equal(("T.stable", "r4", T0.AddMinutes(30)), (flakes[1].TestId, flakes[1].RunId, flakes[1].DetectedAt));

        // Only runs started in the window count: r1 drops out, so T.flaky has nothing to differ from.
        Assert.Equal(["T.stable"], (await Store.FindCrossRunFlakesAsync(T0.AddMinutes(5))).Select(f => f.TestId));

        // Restricted to one commit.
        Assert.Equal(2, (await Store.FindCrossRunFlakesAsync(T0.AddDays(-1), "c1")).Count);
        Assert.Empty(await Store.FindCrossRunFlakesAsync(T0.AddDays(-1), "c2"));

        // One run's own: the same events as the whole query gives for it, for the store's query and the default one.
        foreach (var runId in new[] { "r1", "r2", "r4" })
        {
            var expected = flakes.Where(f => f.RunId == runId).ToList();
            Assert.Equal(expected, await Store.FindCrossRunFlakesOfRunAsync(T0.AddDays(-1), "c1", runId));
            Assert.Equal(expected, await ((IHistoryStore)new FailingHistoryStore(Store)).FindCrossRunFlakesOfRunAsync(T0.AddDays(-1), "c1", runId));
        }

        Assert.Empty(await Store.FindCrossRunFlakesOfRunAsync(T0.AddMinutes(5), "c1", "r2"));
        Assert.Empty(await Store.FindCrossRunFlakesOfRunAsync(T0.AddDays(-1), "c2", "r4"));

        await Store.AddFlakesAsync(flakes);
        await Store.AddFlakesAsync(await Store.FindCrossRunFlakesAsync(T0.AddDays(-1)));
        Assert.Equal(2, (await Store.GetFlakesAsync(T0.AddDays(-1))).Count);
    }

    public virtual async Task Summaries_count_final_outcomes_flakes_and_quarantine()
    {
        await Store.BeginRunAsync(Run("old", T0.AddDays(-30)));
        await Store.BeginRunAsync(Run("r1", T0));
        await Store.BeginRunAsync(Run("r2", T0.AddHours(1)));
        await Store.AppendAttemptsAsync(
        [
            Attempt("old", "T.A", outcome: TestOutcome.Failed),
            Attempt("r1", "T.A", 1, TestOutcome.Failed, isFinal: false, signature: "sig-retry"),
            Attempt("r1", "T.A", 2, TestOutcome.Passed),
            Attempt("r2", "T.A", 1, TestOutcome.Failed, signature: "sig-final"),
            Attempt("r1", "T.B", outcome: TestOutcome.Passed),
            Attempt("r2", "T.B", outcome: TestOutcome.Skipped),
        ]);
        await Store.AppendAttemptsAsync([Attempt("r2", "T.B", 2, TestOutcome.Skipped) with { DisplayName = "T.B renamed", IsFinal = false }]);
        await Store.AddFlakesAsync(
        [
            new FlakeEvent { TestId = "T.A", RunId = "r1", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0.AddMinutes(1) },
            new FlakeEvent { TestId = "T.Z", RunId = "r1", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0.AddMinutes(2) },
            new FlakeEvent { TestId = "T.A", RunId = "old", Kind = FlakeKind.PassedOnRetry, DetectedAt = T0.AddDays(-30) },
        ]);
        var quarantine = new QuarantineEntry { TestId = "T.A", Since = T0, Reason = "flaky", By = "policy" };
        await Store.QuarantineAsync(quarantine);

        var summaries = await Store.GetTestSummariesAsync(T0.AddDays(-1));
        Assert.Equal(["T.A", "T.B", "T.Z"], summaries.Select(s => s.TestId));
        var a = summaries[0];
        Assert.Equal((2, 1, 1, T0.AddMinutes(1), "sig-final", "T.A display"), (a.Runs, a.Failures, a.Flakes, a.LastFlake, a.LastSignature, a.DisplayName));
        Assert.Equal(quarantine, a.Quarantine);
        Assert.Equal(0.5, a.FlakeRate);
        var b = summaries[1];
        Assert.Equal((1, 0, 0, (DateTimeOffset?)null, (string?)null, (QuarantineEntry?)null), (b.Runs, b.Failures, b.Flakes, b.LastFlake, b.LastSignature, b.Quarantine));
        Assert.Equal((0, 1), (summaries[2].Runs, summaries[2].Flakes));

        var all = await Store.GetTestSummariesAsync(T0.AddDays(-60));
        Assert.Equal((3, 2, 2), (all[0].Runs, all[0].Failures, all[0].Flakes));
    }

    public virtual async Task Reopening_keeps_the_data_and_the_schema()
    {
        await Store.BeginRunAsync(Run("run-1"));
        await Store.AppendAttemptsAsync([Attempt("run-1", "T.A")]);
        await using var again = await OpenAnotherAsync(await StoreStringForReopenAsync());
        Assert.Single(await again.GetAttemptsAsync("run-1"));
    }

    public virtual async Task A_version_1_store_is_migrated_in_place_keeping_its_rows()
    {
        await Store.BeginRunAsync(Run("run-1"));
        var recorded = new[]
        {
            Attempt("run-1", "T.A", 1, TestOutcome.Failed, isFinal: false),
            Attempt("run-1", "T.A", 2),
            Attempt("run-1", "T.B", outcome: TestOutcome.Failed) with { DisplayName = "T.B", ClassName = "Other.Class" },
        };
        await Store.AppendAttemptsAsync(recorded);
        await Store.QuarantineAsync(new QuarantineEntry { TestId = "T.B", Since = T0, Reason = "flaky", By = "policy" });
        var before = await Store.GetAttemptsAsync("run-1");

        // Back to version 1 as it was written: one attempts table with the test id, display and class name in every
        // row, no tests, no results, no perf table.
        await ExecuteRawAsync(
            "CREATE TABLE attempts_v1 AS SELECT * FROM attempts",
            "DROP VIEW attempts",
            "DROP TABLE results",
            "DROP TABLE tests",
            "ALTER TABLE attempts_v1 RENAME TO attempts",
            "DROP TABLE perf",
            "DELETE FROM schema_version WHERE version >= 2");
        Assert.Equal(new[] { 1 }, await SchemaVersionsAsync());

        await using var migrated = await OpenAnotherAsync(await StoreStringForReopenAsync());
        Assert.Equal(new[] { 1, 2, 3 }, await SchemaVersionsAsync());
        Assert.Equal(before.Select(Fields), (await migrated.GetAttemptsAsync("run-1")).Select(Fields));
        Assert.Equal(recorded.Select(a => (a.TestId, a.DisplayName, a.ClassName)), before.Select(a => (a.TestId, a.DisplayName, a.ClassName)));
        Assert.Single(await migrated.GetQuarantinedAsync());
        Assert.Empty(await migrated.GetPerfAsync(DateTimeOffset.UnixEpoch));
        await migrated.AppendPerfAsync([Perf("run-1", "encode", 2)]);
        Assert.Single(await migrated.GetPerfAsync(DateTimeOffset.UnixEpoch));

        // Attempts appended after the move come after the moved ones, and the moved ones still count as recorded.
        await migrated.AppendAttemptsAsync([Attempt("run-1", "T.C"), recorded[1]]);
        Assert.Equal(["T.A", "T.A", "T.B", "T.C"], (await migrated.GetAttemptsAsync("run-1")).Select(a => a.TestId));

        // A second open of the migrated store changes nothing.
        await using var again = await OpenAnotherAsync(await StoreStringForReopenAsync());
        Assert.Equal(new[] { 1, 2, 3 }, await SchemaVersionsAsync());
        Assert.Single(await again.GetPerfAsync(DateTimeOffset.UnixEpoch));
        Assert.Equal(4, (await again.GetAttemptsAsync("run-1")).Count);
    }

    public virtual async Task A_test_keeps_each_attempt_s_own_display_and_class_name()
    {
        // A test's id is stored once; names that read as the id, or as the test's first class name, are not repeated.
        await Store.BeginRunAsync(Run("run-1"));
        await Store.BeginRunAsync(Run("run-2", T0.AddHours(1)));
        var attempts = new[]
        {
            Attempt("run-1", "T.A") with { DisplayName = "T.A" },
            Attempt("run-1", "T.B") with { DisplayName = "B, as shown" },
            Attempt("run-2", "T.A") with { DisplayName = "T.A, renamed", ClassName = "Moved.Class" },
            Attempt("run-2", "T.B") with { DisplayName = "T.B", ClassName = "My.Tests.Class" },
        };
        await Store.AppendAttemptsAsync(attempts[..2]);
        await Store.AppendAttemptsAsync(attempts[2..]);
        var stored = (await Store.GetAttemptsAsync("run-1")).Concat(await Store.GetAttemptsAsync("run-2"));
        Assert.Equal(attempts.Select(a => (a.TestId, a.DisplayName, a.ClassName)), stored.Select(a => (a.TestId, a.DisplayName, a.ClassName)));
    }

    // Every recorded field of an attempt, comparable by value.
    private static string Fields(TestAttempt a) => System.Text.Json.JsonSerializer.Serialize(a);

    /// <summary>Runs statements directly against the store opened for this test (outside the store's API).</summary>
    protected abstract Task ExecuteRawAsync(params string[] statements);

    /// <summary>The versions recorded in the store's <c>schema_version</c> table, ascending.</summary>
    protected abstract Task<int[]> SchemaVersionsAsync();

    /// <summary>The store string of the store opened for this test, to open it a second time.</summary>
    protected abstract Task<string> StoreStringForReopenAsync();
}
