using Hologram.Testing.Cli.Store;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Reads the history section from the store with a bounded number of aggregate queries.</summary>
internal static class HistoryReader
{
    /// <summary>Opens the store, reads the section and closes it; a store that is absent or fails becomes a section that says so.</summary>
    public static async Task<HistorySection> ReadAsync(HologramOptions options, IHistoryBackend backend, DateTimeOffset now, ReportOptions report, CancellationToken cancellationToken)
    {
        var description = HistoryStores.Describe(options.Store, options.RepositoryRoot);
        var windowDays = report.WindowDays ?? options.Flake.WindowDays;
        if (StoreSession.IsOff(options))
        {
            return new HistorySection
            {
                Store = description,
                WindowDays = windowDays,
                Missing = "History recording is off (Store is 'none'). Set Store (HOLOGRAM_STORE) to record every attempt.",
            };
        }

        if (backend.AbsentStore(options) is { } absent)
        {
            return new HistorySection
            {
                Store = description,
                WindowDays = windowDays,
                Missing = $"No history store at {absent}. Run the tests with Hologram.Testing.Xunit (it records every attempt there), or point Store (HOLOGRAM_STORE) at your store.",
            };
        }

        IHistoryStore store;
        try
        {
            store = await backend.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var problem = $"The history store {description} could not be opened: {ReportText.OneLine(ex.Message)}";
            return new HistorySection { Store = description, WindowDays = windowDays, Missing = problem, Unreadable = problem };
        }

        try
        {
            return await ReadAsync(store, now, windowDays, report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var problem = $"The history store {store.Description} failed while reading: {ReportText.OneLine(ex.Message)}";
            return new HistorySection { Store = store.Description, WindowDays = windowDays, Missing = problem, Unreadable = problem };
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Reads the section from an open store.</summary>
    public static async Task<HistorySection> ReadAsync(IHistoryStore store, DateTimeOffset now, int windowDays, ReportOptions report, CancellationToken cancellationToken)
    {
        var runs = await store.GetRunTotalsAsync(report.TrendRuns, cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return new HistorySection
            {
                Store = store.Description,
                WindowDays = windowDays,
                Missing = $"The history store {store.Description} has no runs yet. Run the tests with Hologram.Testing.Xunit to record them.",
            };
        }

        var builds = BuildTotals.Group(runs);
        var latest = builds[0];
        var attempts = new List<TestAttempt>();
        foreach (var run in latest.Runs.OrderBy(r => r.Run.StartedAt))
        {
            attempts.AddRange(await store.GetAttemptsAsync(run.Run.RunId, cancellationToken).ConfigureAwait(false));
        }

        var since = now.AddDays(-windowDays);
        var flakes = await store.GetFlakesAsync(since, cancellationToken: cancellationToken).ConfigureAwait(false);
        var summaries = FlakeReport.WithFlakeSignatures(await store.GetTestSummariesAsync(since, cancellationToken).ConfigureAwait(false), flakes);
        var quarantined = await store.GetQuarantinedAsync(cancellationToken).ConfigureAwait(false);
        var flaky = FlakeReport.Select(summaries, quarantined, all: false)
            .Where(s => s.Flakes > 0 || s.Quarantine is not null)
            .OrderByDescending(s => s.Quarantine is not null && s.Flakes == 0 ? -1 : s.FlakeRate)
            .ThenByDescending(s => s.Flakes)
            .ThenBy(s => s.TestId, StringComparer.Ordinal)
            .ToList();
        var evidence = flakes.GroupBy(f => f.TestId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<FlakeEvent>)g.OrderByDescending(f => f.DetectedAt).ToList(), StringComparer.Ordinal);
        var latestRunIds = latest.Runs.Select(r => r.Run.RunId).ToHashSet(StringComparer.Ordinal);
        var newFlakes = flakes.Where(f => latestRunIds.Contains(f.RunId))
            .Select(f => (f, !evidence[f.TestId].Any(e => !latestRunIds.Contains(e.RunId))))
            .ToList();
        var audit = await store.GetAuditAsync(cancellationToken: cancellationToken).ConfigureAwait(false);

        return new HistorySection
        {
            Store = store.Description,
            WindowDays = windowDays,
            Latest = latest,
            Failures = attempts.Where(a => a.IsFinal && a.Outcome == TestOutcome.Failed).ToList(),
            Slowest = Slowest(attempts, report.SlowestTests),
            Trend = builds.AsEnumerable().Reverse().ToList(),
            Flaky = flaky,
            Evidence = evidence,
            NewFlakes = newFlakes,
            Audit = audit.AsEnumerable().Reverse().Take(report.AuditEntries).ToList(),
            QuarantineChanges = audit.Where(a => a.At >= latest.StartedAt).ToList(),
            QuarantinedNow = quarantined.Count,
        };
    }

    private static List<SlowTest> Slowest(IReadOnlyList<TestAttempt> attempts, int count) =>
        attempts.GroupBy(a => a.TestId, StringComparer.Ordinal)
            .Select(g =>
            {
                var final = g.LastOrDefault(a => a.IsFinal) ?? g.Last();
                return new SlowTest(g.Key, final.DisplayName, final.ClassName, g.Sum(a => a.DurationMs), g.Count(), final.Outcome);
            })
            .OrderByDescending(t => t.DurationMs)
            .ThenBy(t => t.TestId, StringComparer.Ordinal)
            .Take(count)
            .ToList();
}
