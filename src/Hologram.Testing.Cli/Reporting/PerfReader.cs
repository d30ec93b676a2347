using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Budgets;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Reads the perf history (the store, or the CSV exports; see <see cref="PerfHistorySource"/>), the latest records and the baseline.</summary>
internal static class PerfReader
{
    /// <summary>The confidence level the report compares with the baseline at (the gate's default).</summary>
    public const double Level = 0.99;

    public static PerfSection Read(HologramOptions options, ReportOptions report, PerfHistorySource history)
    {
        var layout = ReportsLayout.For(options);
        var directory = layout.PerfDirectory;
        if (history.Entries.Count == 0)
        {
            return new PerfSection
            {
                Missing = $"No perf records in {history.Origin}. Measure with Hologram.Testing.Perf in [Phase6Perf] tests (Perf.Measure(\"name\", …).AssertWithinBudget()); each measurement is recorded in the history store and appended to perf/<name>.csv.",
                Problems = history.Problem is null ? [] : [history.Problem],
            };
        }

        var problems = new List<string>();
        if (history.Problem is not null)
        {
            problems.Add(history.Problem);
        }

        IReadOnlyList<PerfRecord> latest = [];
        try
        {
            latest = PerfBaseline.LatestRecords(options.ReportsDir);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
        {
            problems.Add($"latest records under {layout.PerfSamplesDirectory} not read: {ReportText.OneLine(ex.Message)}");
        }

        var baselinePath = layout.PerfBaseline;
        PerfBaseline? baseline = null;
        try
        {
            baseline = PerfBaseline.LoadOrNull(baselinePath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            problems.Add($"baseline {baselinePath} not read: {ReportText.OneLine(ex.Message)}");
        }

        var series = new List<PerfSeries>();
        var records = new List<PerfRecord?>();
        foreach (var measurement in history.Entries
            .GroupBy(e => ReportsLayout.PerfFileName(e.Name), StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var name = measurement.Key;
            foreach (var phase in new[] { PerfPhase.Warm, PerfPhase.Cold })
            {
                var record = latest.LastOrDefault(r => r.Phase == phase && string.Equals(ReportsLayout.PerfFileName(r.Name), name, StringComparison.OrdinalIgnoreCase));
                var level = record?.Level ?? Level;
                var entries = measurement.Where(e => PerfHistorySource.PhaseOf(e) == phase).TakeLast(report.PerfPoints).ToList();
                var points = entries
                    .Select(e => new PerfPoint(e.MeasuredAt, e.RunId, e.Profile, e.Commit ?? string.Empty, e.Samples, e.P50Ms, e.P95Ms, e.P95LowerMs, e.P95UpperMs, level))
                    .ToList();
                if (points.Count == 0)
                {
                    continue;
                }

                var display = record?.Name ?? entries[^1].Name;
                double? budget = phase == PerfPhase.Warm && options.Budgets.TryGetValue(display, out var b) && b.P95Ms > 0 ? b.P95Ms : null;
                var last = points[^1];
                series.Add(new PerfSeries
                {
                    Name = display,
                    Phase = phase,
                    Points = points,
                    BudgetMs = budget,
                    BudgetVerdict = budget is { } limit ? BudgetEvaluator.Verdict(last.P95Lower, last.P95Upper, limit) : null,
                    Shifts = PerfTrends.Shifts(entries, $"{name}|{PerfHistorySource.PhaseName(phase)}"),
                });
                records.Add(record);
            }
        }

        // The regression gate bootstraps each comparison (seeded by the name, so the order does not matter): in parallel.
        if (baseline is not null)
        {
            var checks = new RegressionCheck?[series.Count];
            Parallel.For(0, series.Count, i =>
            {
                if (records[i] is { } record)
                {
                    checks[i] = RegressionGate.Compare(baseline.FindFor(record), record, options.Perf.RegressionThresholdPct, Level);
                }
            });
            for (var i = 0; i < series.Count; i++)
            {
                series[i] = series[i] with { Regression = checks[i] };
            }
        }

        var coldWarm = latest.GroupBy(r => r.Name, StringComparer.Ordinal)
            .Select(g => (Cold: g.FirstOrDefault(r => r.Phase == PerfPhase.Cold), Warm: g.FirstOrDefault(r => r.Phase == PerfPhase.Warm)))
            .Where(p => p.Cold is not null && p.Warm is not null)
            .Select(p => new ColdWarm(p.Cold!.Name, p.Cold.N, p.Cold.P50, p.Cold.P95, p.Warm!.N, p.Warm.P50, p.Warm.P95))
            .ToList();

        return new PerfSection
        {
            Series = series.OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Phase).ToList(),
            BaselinePath = baseline is null ? null : baselinePath,
            Problems = problems,
            Origin = history.Origin,
            ColdWarm = coldWarm,
        };
    }
}
