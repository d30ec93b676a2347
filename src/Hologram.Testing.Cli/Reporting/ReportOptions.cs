namespace Hologram.Testing.Cli.Reporting;

/// <summary>How much history a report shows; the caps keep the HTML small on a store of millions of attempts.</summary>
internal sealed record ReportOptions
{
    /// <summary>Runs read for the trend (grouped into builds).</summary>
    public int TrendRuns { get; init; } = 100;

    /// <summary>The flake window in days; null: <c>Flake:WindowDays</c>.</summary>
    public int? WindowDays { get; init; }

    /// <summary>Slowest tests listed.</summary>
    public int SlowestTests { get; init; } = 25;

    /// <summary>Flaky or quarantined tests listed.</summary>
    public int FlakyTests { get; init; } = 200;

    /// <summary>Failures listed with their messages.</summary>
    public int Failures { get; init; } = 100;

    /// <summary>Audit entries listed.</summary>
    public int AuditEntries { get; init; } = 50;

    /// <summary>Points per perf chart (the most recent).</summary>
    public int PerfPoints { get; init; } = 100;

    /// <summary>E2E events of the latest run listed.</summary>
    public int E2EEvents { get; init; } = 200;

    /// <summary>Characters kept of an error message.</summary>
    public int MessageLength { get; init; } = 1000;
}
