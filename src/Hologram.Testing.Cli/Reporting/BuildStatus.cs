namespace Hologram.Testing.Cli.Reporting;

/// <summary>The verdict on a build, shown by the report, the summary, the badge and the metrics.</summary>
internal enum BuildStatus
{
    /// <summary>No run recorded.</summary>
    Unknown,

    /// <summary>Every test passed on its first attempt (or was skipped).</summary>
    Passing,

    /// <summary>Nothing failed for good, but a test passed only on a retry or a quarantined test failed.</summary>
    Flaky,

    /// <summary>A test that is not quarantined failed.</summary>
    Failing,

    /// <summary>A run of the build has no end time: its test host crashed (or it is still running), so the results are partial.</summary>
    Incomplete,

    /// <summary>The history store could not be read (corrupt, unreachable): the status is not known.</summary>
    Unreadable,
}

/// <summary>How a <see cref="BuildStatus"/> is decided and named.</summary>
internal static class BuildStatuses
{
    /// <summary>The statuses a build that was read can have, in the order the metrics list them.</summary>
    public static readonly IReadOnlyList<BuildStatus> Recorded = [BuildStatus.Passing, BuildStatus.Flaky, BuildStatus.Failing, BuildStatus.Incomplete];

    /// <summary>The status of the latest build of a history section: unreadable, no runs, incomplete, failing, flaky or passing.</summary>
    public static BuildStatus Of(HistorySection history) => history.Unreadable is not null ? BuildStatus.Unreadable : Of(history.Latest);

    /// <summary>
    /// The status of a build: a run without an end time makes it incomplete (partial results are never reported as
    /// passing), then a blocking failure makes it failing, then a retry or a quarantined failure flaky.
    /// </summary>
    public static BuildStatus Of(BuildTotals? build) => build switch
    {
        null => BuildStatus.Unknown,
        { IncompleteRuns: > 0 } => BuildStatus.Incomplete,
        { BlockingFailures: > 0 } => BuildStatus.Failing,
        { PassedOnRetry: > 0 } or { QuarantinedFailures: > 0 } => BuildStatus.Flaky,
        _ => BuildStatus.Passing,
    };

    public static string Name(BuildStatus status) => status switch
    {
        BuildStatus.Passing => "passing",
        BuildStatus.Flaky => "flaky",
        BuildStatus.Failing => "failing",
        BuildStatus.Incomplete => "incomplete",
        BuildStatus.Unreadable => "unknown",
        _ => "no runs",
    };

    /// <summary>Why a build is incomplete, for one line of text.</summary>
    public static string IncompleteReason(BuildTotals build) =>
        $"{build.IncompleteRuns} of {build.Runs.Count} run{(build.Runs.Count == 1 ? string.Empty : "s")} {(build.IncompleteRuns == 1 ? "has" : "have")} no end time: the test host crashed (or is still running), so the results are partial";
}
