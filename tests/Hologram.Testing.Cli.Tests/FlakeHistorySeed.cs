using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests;

/// <summary>A small, fixed history shared by the flake command tests.</summary>
internal static class FlakeHistorySeed
{
    public const string Flaky = "Ns.Api.Flaky";
    public const string Broken = "Ns.Db.Broken";
    public const string Passes = "Ns.Ok.Passes";
    public const string Old = "Ns.Old.Failed";

    /// <summary>
    /// Four runs on 2025-03-06..09 (main, main, feature/x, main; commits c1..c3) plus one run in February:
    /// <see cref="Flaky"/> flakes in r2 and r4 and is quarantined by the policy; <see cref="Broken"/> fails in r3 and r4
    /// (masked by quarantine in r4); <see cref="Passes"/> always passes; <see cref="Old"/> failed only in February.
    /// </summary>
    public static void Seed(FlakeFakeHistoryStore store)
    {
        var day = new DateTimeOffset(2025, 3, 6, 10, 0, 0, TimeSpan.Zero);
        store.AddRun("r0", new DateTimeOffset(2025, 2, 1, 10, 0, 0, TimeSpan.Zero), "c0", "main");
        store.AddResult("r0", Old, TestOutcome.Failed);
        store.AddRun("r1", day, "c1", "main", buildId: "b1");
        store.AddRun("r2", day.AddDays(1), "c2", "main", buildId: "b2");
        store.AddRun("r3", day.AddDays(2), "c3", "feature/x", buildId: "b3");
        store.AddRun("r4", day.AddDays(3), "c3", "main", buildId: "b4");
        foreach (var run in new[] { "r1", "r2", "r3", "r4" })
        {
            store.AddResult(run, Passes, TestOutcome.Passed);
        }

        store.AddResult("r1", Flaky, TestOutcome.Passed);
        store.AddFlakyResult("r2", Flaky);
        store.AddResult("r3", Flaky, TestOutcome.Passed);
        store.AddFlakyResult("r4", Flaky);

        store.AddResult("r1", Broken, TestOutcome.Passed);
        store.AddResult("r2", Broken, TestOutcome.Passed);
        store.AddResult("r3", Broken, TestOutcome.Failed, signature: "Npgsql: connection refused");
        store.AddResult("r4", Broken, TestOutcome.Failed, quarantined: true, signature: "Npgsql: connection refused");

        store.QuarantineAsync(new QuarantineEntry
        {
            TestId = Flaky, Since = day.AddDays(3).AddMinutes(1), Reason = "2 flakes in 7 days", By = "policy",
        }).GetAwaiter().GetResult();
    }
}
