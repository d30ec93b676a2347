namespace Hologram.Testing.Cli.Reporting;

/// <summary>Everything the report, the summary, the badge and the metrics are rendered from; a section whose source is absent says so.</summary>
internal sealed record ReportData
{
    /// <summary>When the data was gathered.</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    /// <summary>The active profile of the machine producing the report.</summary>
    public required string Profile { get; init; }

    /// <summary>The reports directory the file sources were read from.</summary>
    public required string ReportsDir { get; init; }

    /// <summary>Runs, tests and flakes from the history store.</summary>
    public required HistorySection History { get; init; }

    /// <summary>Perf records under <c>reports/perf</c>.</summary>
    public required PerfSection Perf { get; init; }

    /// <summary>Chaos reports under <c>reports/chaos</c>.</summary>
    public required ChaosSection Chaos { get; init; }

    /// <summary>The E2E event log <c>reports/e2e/events.jsonl</c>.</summary>
    public required E2ESection E2E { get; init; }
}
