namespace Hologram.Testing.History;

/// <summary>One run with the totals of its attempts: what a trend chart, a badge or a metrics exporter needs per run.</summary>
public sealed record RunTotals
{
    /// <summary>The run.</summary>
    public required RunInfo Run { get; init; }

    /// <summary>Tests whose final outcome was a pass (passes on retry included).</summary>
    public required int Passed { get; init; }

    /// <summary>Tests whose final outcome was a failure (quarantined failures included).</summary>
    public required int Failed { get; init; }

    /// <summary>Tests whose final outcome was a skip.</summary>
    public required int Skipped { get; init; }

    /// <summary>Tests that passed on a retry (final attempt passed after an earlier attempt): flaky in this run.</summary>
    public required int PassedOnRetry { get; init; }

    /// <summary>Final failures of quarantined tests (reported to the runner as skipped).</summary>
    public required int QuarantinedFailures { get; init; }

    /// <summary>Every attempt, retries included.</summary>
    public required int Attempts { get; init; }

    /// <summary>The sum of all attempt durations in milliseconds.</summary>
    public required double TestDurationMs { get; init; }

    /// <summary>Tests with a final outcome.</summary>
    public int Total => Passed + Failed + Skipped;

    /// <summary>Failures that were not quarantined: the ones that break the build.</summary>
    public int BlockingFailures => Failed - QuarantinedFailures;
}
