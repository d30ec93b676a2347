using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>What the history store says: the latest build, the trend, the slowest tests, flaky and quarantined tests.</summary>
internal sealed record HistorySection
{
    /// <summary>Why there is nothing to show and how to produce it, or null when the store was read.</summary>
    public string? Missing { get; init; }

    /// <summary>
    /// Why the store could not be read (corrupt, unreachable, failed while reading), or null. When set,
    /// <see cref="Missing"/> says the same and the status is unknown: a command must never report such a store as green.
    /// </summary>
    public string? Unreadable { get; init; }

    /// <summary>The store, for display (no credentials).</summary>
    public string Store { get; init; } = string.Empty;

    /// <summary>The newest build: the runs sharing the newest run's build id (or that run alone).</summary>
    public BuildTotals? Latest { get; init; }

    /// <summary>Final failures of the latest build (quarantined ones included), in recording order.</summary>
    public IReadOnlyList<TestAttempt> Failures { get; init; } = [];

    /// <summary>The slowest tests of the latest build (all attempts summed), slowest first.</summary>
    public IReadOnlyList<SlowTest> Slowest { get; init; } = [];

    /// <summary>Builds over time, oldest first.</summary>
    public IReadOnlyList<BuildTotals> Trend { get; init; } = [];

    /// <summary>The flake window in days.</summary>
    public int WindowDays { get; init; }

    /// <summary>Flaky or quarantined tests in the window, most flaky first.</summary>
    public IReadOnlyList<TestSummary> Flaky { get; init; } = [];

    /// <summary>Flake evidence in the window by test id, newest first.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<FlakeEvent>> Evidence { get; init; } = new Dictionary<string, IReadOnlyList<FlakeEvent>>();

    /// <summary>Flake events recorded in the latest build, with whether the test had none before in the window.</summary>
    public IReadOnlyList<(FlakeEvent Event, bool FirstInWindow)> NewFlakes { get; init; } = [];

    /// <summary>The quarantine audit trail, newest first (bounded).</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];

    /// <summary>Quarantine changes since the latest build started, oldest first.</summary>
    public IReadOnlyList<AuditEntry> QuarantineChanges { get; init; } = [];

    /// <summary>Tests quarantined now.</summary>
    public int QuarantinedNow { get; init; }
}

/// <summary>Totals of one build (one or more runs: assemblies and shards of one CI pipeline run).</summary>
internal sealed record BuildTotals
{
    /// <summary>The runs, newest first.</summary>
    public required IReadOnlyList<RunTotals> Runs { get; init; }

    /// <summary>The build id, or the run id when the run had none.</summary>
    public string Id => Runs[0].Run.BuildId ?? Runs[0].Run.RunId;

    /// <summary>The first start.</summary>
    public DateTimeOffset StartedAt => Runs.Min(r => r.Run.StartedAt);

    /// <summary>The last end, or null while a run is in progress.</summary>
    public DateTimeOffset? EndedAt => Runs.Any(r => r.Run.EndedAt is null) ? null : Runs.Max(r => r.Run.EndedAt);

    /// <summary>Runs without an end time: a crashed test host (or a run still going).</summary>
    public int IncompleteRuns => Runs.Count(r => r.Run.EndedAt is null);

    /// <summary>Wall time from the first start to the last end, in ms (null while running).</summary>
    public double? WallMs => EndedAt is { } end ? (end - StartedAt).TotalMilliseconds : null;

    public int Passed => Runs.Sum(r => r.Passed);

    public int Failed => Runs.Sum(r => r.Failed);

    public int Skipped => Runs.Sum(r => r.Skipped);

    public int PassedOnRetry => Runs.Sum(r => r.PassedOnRetry);

    public int QuarantinedFailures => Runs.Sum(r => r.QuarantinedFailures);

    public int Attempts => Runs.Sum(r => r.Attempts);

    public double TestDurationMs => Runs.Sum(r => r.TestDurationMs);

    public int Total => Passed + Failed + Skipped;

    /// <summary>Failures that break the build (not quarantined).</summary>
    public int BlockingFailures => Failed - QuarantinedFailures;

    /// <summary>Passed / (passed + failed); 1 when nothing ran.</summary>
    public double PassRate => Passed + Failed == 0 ? 1 : (double)Passed / (Passed + Failed);

    /// <summary>The distinct values of a run property, joined (e.g. profiles, shards).</summary>
    public string Distinct(Func<RunInfo, string?> property) =>
        string.Join(", ", Runs.Select(r => property(r.Run)).Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>How far apart two runs without a build id may be and still belong to one local build.</summary>
    public static readonly TimeSpan LocalGap = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Groups run totals into builds, newest first: runs with the same build id; a run without one joins the local build
    /// it ran with (same host and commit, another assembly, overlapping or at most <see cref="LocalGap"/> apart, as the
    /// assemblies of one <c>dotnet test</c> run).
    /// </summary>
    public static IReadOnlyList<BuildTotals> Group(IReadOnlyList<RunTotals> runs)
    {
        var builds = new List<List<RunTotals>>();
        var byId = new Dictionary<string, List<RunTotals>>(StringComparer.Ordinal);
        List<RunTotals>? local = null;
        foreach (var run in runs.OrderByDescending(r => r.Run.StartedAt).ThenByDescending(r => r.Run.RunId, StringComparer.Ordinal))
        {
            if (run.Run.BuildId is { } id)
            {
                if (!byId.TryGetValue(id, out var group))
                {
                    byId[id] = group = [];
                    builds.Add(group);
                }

                group.Add(run);
                continue;
            }

            if (local is not null && local[0].Run.Host == run.Run.Host && local[0].Run.Commit == run.Run.Commit
                && local.All(r => r.Run.Assembly != run.Run.Assembly)
                && run.Run.StartedAt <= local.Max(r => r.Run.EndedAt ?? r.Run.StartedAt) + LocalGap
                && (run.Run.EndedAt ?? run.Run.StartedAt) + LocalGap >= local.Min(r => r.Run.StartedAt))
            {
                local.Add(run);
                continue;
            }

            local = [run];
            builds.Add(local);
        }

        return builds.Select(g => new BuildTotals { Runs = g }).ToList();
    }
}

/// <summary>One of the slowest tests of the latest build.</summary>
internal sealed record SlowTest(string TestId, string DisplayName, string ClassName, double DurationMs, int Attempts, TestOutcome Outcome);
