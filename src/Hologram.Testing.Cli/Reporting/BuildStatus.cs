namespace Hologram.Testing.Cli.Reporting;

/// <summary>The verdict on a build, shown by the report, the summary and the badge.</summary>
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
}

/// <summary>How a <see cref="BuildStatus"/> is decided and named.</summary>
internal static class BuildStatuses
{
    public static BuildStatus Of(BuildTotals? build) => build switch
    {
        null => BuildStatus.Unknown,
        { BlockingFailures: > 0 } => BuildStatus.Failing,
        { PassedOnRetry: > 0 } or { QuarantinedFailures: > 0 } => BuildStatus.Flaky,
        _ => BuildStatus.Passing,
    };

    public static string Name(BuildStatus status) => status switch
    {
        BuildStatus.Passing => "passing",
        BuildStatus.Flaky => "flaky",
        BuildStatus.Failing => "failing",
        _ => "no runs",
    };
}
