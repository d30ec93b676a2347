using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>The perf measurements: p95 with bounds over time against the budget, the baseline delta, cold vs warm.</summary>
internal sealed record PerfSection
{
    /// <summary>Why there is nothing to show and how to produce it, or null.</summary>
    public string? Missing { get; init; }

    /// <summary>One series per measurement and phase, by name.</summary>
    public IReadOnlyList<PerfSeries> Series { get; init; } = [];

    /// <summary>Where the history was read from: the store's description or the CSV directory.</summary>
    public string? Origin { get; init; }

    /// <summary>The baseline file, or null when there is none.</summary>
    public string? BaselinePath { get; init; }

    /// <summary>A problem reading a source (shown, never fatal).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Measurements with a cold and a warm record.</summary>
    public IReadOnlyList<ColdWarm> ColdWarm { get; init; } = [];
}

/// <summary>One measurement's history in one phase.</summary>
internal sealed record PerfSeries
{
    public required string Name { get; init; }

    public required PerfPhase Phase { get; init; }

    /// <summary>Records, oldest first (the last <see cref="ReportOptions.PerfPoints"/>).</summary>
    public required IReadOnlyList<PerfPoint> Points { get; init; }

    /// <summary>The p95 budget of the active profile in ms, or null when none is defined.</summary>
    public double? BudgetMs { get; init; }

    /// <summary>The latest point judged against the budget by its bounds, or null without a budget.</summary>
    public PerfVerdict? BudgetVerdict { get; init; }

    /// <summary>The latest record compared with the baseline, or null without one.</summary>
    public RegressionCheck? Regression { get; init; }

    /// <summary>The change points of the p95 over <see cref="Points"/> (indexes into them), oldest first.</summary>
    public IReadOnlyList<PerfTrendShift> Shifts { get; init; } = [];

    /// <summary>The latest point.</summary>
    public PerfPoint Latest => Points[^1];

    /// <summary>A label: the name, with <c>(cold)</c> for the cold phase.</summary>
    public string Label => Phase == PerfPhase.Cold ? Name + " (cold)" : Name;
}

/// <summary>One recorded measurement (a line of <c>reports/perf/&lt;name&gt;.csv</c>).</summary>
internal sealed record PerfPoint(DateTimeOffset Timestamp, string Run, string Profile, string Commit, int N, double P50, double P95, double P95Lower, double P95Upper, double Level);

/// <summary>The latest cold and warm figures of one measurement.</summary>
internal sealed record ColdWarm(string Name, int ColdN, double ColdP50, double ColdP95, int WarmN, double WarmP50, double WarmP95)
{
    public double RatioP50 => WarmP50 > 0 ? ColdP50 / WarmP50 : double.NaN;

    public double RatioP95 => WarmP95 > 0 ? ColdP95 / WarmP95 : double.NaN;
}
