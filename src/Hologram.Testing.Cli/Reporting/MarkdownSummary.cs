using System.Globalization;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The CI job summary in GitHub-flavoured markdown: totals, failures with their messages, new flakes, quarantine
/// changes, perf and chaos verdicts, E2E failures. Capped in size (GitHub drops a summary over 1 MiB); the title and the
/// totals are always kept, later sections are cut first.
/// </summary>
internal static class MarkdownSummary
{
    /// <summary>The default cap: well under GitHub's 1 MiB per step.</summary>
    public const int DefaultMaxBytes = 800 * 1024;

    /// <summary>Bytes kept back for the truncation note.</summary>
    private const int NoteReserve = 400;

    public const int MaxFailures = 50;

    public const int MaxMessage = 600;

    public static string Render(ReportData data, int maxBytes = DefaultMaxBytes)
    {
        var md = new CappedText(Math.Max(NoteReserve, maxBytes - NoteReserve));
        var history = data.History;
        var status = BuildStatuses.Of(history);
        md.AddAlways(Title(status));
        md.AddAlways(Totals(history));

        Failures(md, history);
        NewFlakes(md, history);
        QuarantineChanges(md, history);
        Perf(md, data.Perf, data.GeneratedAt);
        Chaos(md, data.Chaos);
        E2E(md, data.E2E);

        var footer = $"\n<sub>hologram summary · {ReportText.Time(data.GeneratedAt)} UTC · the full report: <code>hologram report</code> (index.html in the reports directory)</sub>\n";
        if (!md.TryAdd(footer) || md.Truncated)
        {
            md.AddAlways($"\n_Summary cut at {ReportText.Count(maxBytes / 1024)} KiB (GitHub drops job summaries over 1 MiB); the totals above are complete. See the HTML report for everything._\n");
        }

        return md.ToString();
    }

    private static string Title(BuildStatus status) => status switch
    {
        BuildStatus.Passing => "## ✅ Tests passing\n\n",
        BuildStatus.Flaky => "## ⚠️ Tests passing, with flakes\n\n",
        BuildStatus.Failing => "## ❌ Tests failing\n\n",
        BuildStatus.Incomplete => "## ❌ Tests incomplete: a test run has no end\n\n",
        BuildStatus.Unreadable => "## ❓ Tests: status unknown (the history store could not be read)\n\n",
        _ => "## Tests: no run recorded\n\n",
    };

    private static string Totals(HistorySection history)
    {
        if (history.Latest is not { } b)
        {
            return $"_{ReportText.Markdown(history.Missing ?? "No run recorded.")}_\n";
        }

        var c = CultureInfo.InvariantCulture;
        var line1 = string.Create(c, $"**{ReportText.Count(b.Total)} tests**: {ReportText.Count(b.Passed)} passed, {ReportText.Count(b.BlockingFailures)} failed, {ReportText.Count(b.Skipped)} skipped")
            + $" · {ReportText.Count(b.PassedOnRetry)} passed on retry · {ReportText.Count(b.QuarantinedFailures)} quarantined failures · pass rate {ReportText.Percent(b.PassRate)}"
            + (b.WallMs is { } wall ? $" · {ReportText.Duration(wall)}" : " · incomplete");
        var facts = new List<string>
        {
            $"profile {Code(b.Distinct(r => r.Profile))}",
            $"commit {Code(ReportText.Commit(b.Distinct(r => r.Commit)))}",
        };
        if (b.Distinct(r => r.Branch) is { Length: > 0 } branch)
        {
            facts.Add($"branch {Code(branch)}");
        }

        facts.Add(b.Distinct(r => r.Shard) is { Length: > 0 } shard ? $"shard {Code(shard)}" : "no shard");
        facts.Add($"{b.Runs.Count} run{(b.Runs.Count == 1 ? string.Empty : "s")} ({ReportText.Markdown(b.Distinct(r => r.Assembly))})");
        facts.Add($"started {ReportText.Time(b.StartedAt)} UTC");
        var incomplete = b.IncompleteRuns > 0 ? $"\n**Incomplete:** {ReportText.Markdown(BuildStatuses.IncompleteReason(b))}.\n" : string.Empty;
        return $"{line1}  \n{string.Join(" · ", facts)}\n{incomplete}";
    }

    private static void Failures(CappedText md, HistorySection history)
    {
        if (history.Failures.Count == 0)
        {
            return;
        }

        if (!md.TryAdd($"\n### Failures ({ReportText.Count(history.Failures.Count)})\n\n"))
        {
            return;
        }

        var shown = 0;
        foreach (var f in history.Failures.Take(MaxFailures))
        {
            var tags = f.Quarantined ? $"attempt {f.Attempt}, quarantined: reported as skipped" : $"attempt {f.Attempt}";
            var message = ReportText.Markdown(FirstLines(f.ErrorMessage ?? "(no message)"), MaxMessage);
            if (!md.TryAdd($"- **{Code(f.TestId)}** ({tags})\n  > {message}\n"))
            {
                break;
            }

            shown++;
        }

        if (history.Failures.Count > shown)
        {
            md.TryAdd($"- … and {ReportText.Count(history.Failures.Count - shown)} more (`hologram flake failed --run last` gives a filter that re-runs them)\n");
        }
    }

    private static void NewFlakes(CappedText md, HistorySection history)
    {
        if (history.Latest is null)
        {
            return;
        }

        if (history.NewFlakes.Count == 0)
        {
            md.TryAdd("\n### Flakes\n\nNo flake in this build.\n");
            return;
        }

        if (!md.TryAdd($"\n### New flakes ({history.NewFlakes.Count})\n\n| Test | How | Signature | First in {history.WindowDays} days |\n|---|---|---|---|\n"))
        {
            return;
        }

        foreach (var (flake, first) in history.NewFlakes.OrderBy(f => f.Event.TestId, StringComparer.Ordinal))
        {
            if (!md.TryAdd($"| {Cell(flake.TestId)} | {(flake.Kind == FlakeKind.PassedOnRetry ? "passed on retry" : "differs from another run of the commit")} | {ReportText.Markdown(flake.ErrorSignature ?? "-", 80)} | {(first ? "yes" : "no")} |\n"))
            {
                return;
            }
        }
    }

    private static void QuarantineChanges(CappedText md, HistorySection history)
    {
        if (history.Latest is null)
        {
            return;
        }

        if (history.QuarantineChanges.Count == 0)
        {
            md.TryAdd($"\n### Quarantine\n\nNo change in this build; {ReportText.Count(history.QuarantinedNow)} tests quarantined.\n");
            return;
        }

        if (!md.TryAdd($"\n### Quarantine changes ({history.QuarantineChanges.Count}; {ReportText.Count(history.QuarantinedNow)} quarantined now)\n\n| When (UTC) | Test | Change | By | Reason |\n|---|---|---|---|---|\n"))
        {
            return;
        }

        foreach (var a in history.QuarantineChanges)
        {
            if (!md.TryAdd($"| {ReportText.Time(a.At)} | {Cell(a.TestId)} | {ReportText.Markdown(a.Action)} | {ReportText.Markdown(a.By)} | {ReportText.Markdown(a.Reason, 200)} |\n"))
            {
                return;
            }
        }
    }

    private static void Perf(CappedText md, PerfSection perf, DateTimeOffset now)
    {
        if (perf.Missing is not null)
        {
            md.TryAdd($"\n### Perf\n\n_{ReportText.Markdown(perf.Missing)}_\n");
            return;
        }

        var failed = perf.Series.Count(s => s.BudgetVerdict == PerfVerdict.Fail || s.Regression?.Verdict == PerfVerdict.Fail);
        if (!md.TryAdd($"\n### Perf ({perf.Series.Count} measurements, {failed} over budget or regressed)\n\n| Measurement | p95 | CI | n | Budget | Budget verdict | vs baseline |\n|---|---:|---|---:|---:|---|---|\n"))
        {
            return;
        }

        foreach (var s in perf.Series)
        {
            var p = s.Latest;
            var baseline = s.Regression switch
            {
                null => "no baseline",
                { Baseline: null } => "not in baseline",
                var r => $"×{ReportText.Number(r.Ratio, "0.###")} ({ReportText.Number(r.RatioLower, "0.###")}–{ReportText.Number(r.RatioUpper, "0.###")}): {Verdict(r.Verdict)}",
            };
            var row = $"| {Cell(s.Label)} | {ReportText.Number(p.P95, "0.###")} ms | {ReportText.Number(p.P95Lower, "0.###")}–{ReportText.Number(p.P95Upper, "0.###")} | {p.N} | "
                + $"{(s.BudgetMs is { } b ? ReportText.Number(b, "0.###") + " ms" : "-")} | {(s.BudgetVerdict is { } v ? Verdict(v) : "no budget")} | {baseline} |\n";
            if (!md.TryAdd(row))
            {
                return;
            }
        }

        var since = now.AddDays(-PerfTrends.NewWithinDays);
        var fresh = perf.Series.SelectMany(s => s.Shifts.Where(c => c.First.MeasuredAt >= since).Select(c => (Series: s, Shift: c))).ToList();
        if (fresh.Count == 0 || !md.TryAdd($"\n**New change points** (last {PerfTrends.NewWithinDays} days):\n\n"))
        {
            return;
        }

        foreach (var (series, shift) in fresh)
        {
            if (!md.TryAdd($"- {ReportText.Markdown(shift.Describe(series.Label))}\n"))
            {
                return;
            }
        }
    }

    private static void Chaos(CappedText md, ChaosSection chaos)
    {
        if (chaos.Missing is not null)
        {
            md.TryAdd($"\n### Chaos\n\n_{ReportText.Markdown(chaos.Missing)}_\n");
            return;
        }

        if (chaos.Experiments.Count == 0)
        {
            return;
        }

        if (!md.TryAdd($"\n### Chaos ({chaos.Experiments.Count(e => !e.Passed)} of {chaos.Experiments.Count} experiments failed)\n\n| Experiment | Success rate | Recovery | Lost / corrupted writes | Verdict |\n|---|---:|---:|---:|---|\n"))
        {
            return;
        }

        foreach (var e in chaos.Experiments)
        {
            var verdict = e.Passed ? "✅ passed" : "❌ " + ReportText.Markdown(string.Join("; ", e.Violations), 300);
            if (!md.TryAdd($"| {Cell(e.Name)} | {ReportText.Percent(e.SuccessRate)} | {(e.Recovered ? ReportText.Duration(e.RecoveryMs) : "not recovered")} | {e.LostWrites} / {e.CorruptedWrites} of {ReportText.Count(e.AcknowledgedWrites)} | {verdict} |\n"))
            {
                return;
            }
        }
    }

    private static void E2E(CappedText md, E2ESection e2e)
    {
        if (e2e.Summary is not { } s)
        {
            return;
        }

        if (!md.TryAdd($"\n### E2E\n\n{s.Events} events in {s.Runs} runs, {s.Failures.Count} failed steps.\n"))
        {
            return;
        }

        foreach (var f in s.Failures.TakeLast(10))
        {
            var error = f.Data?["error"]?.ToString() ?? f.Data?["reason"]?.ToString() ?? "(no error)";
            if (!md.TryAdd($"- {Code(f.Test)} / {Code(f.Step)}: {ReportText.Markdown(error, 300)}\n"))
            {
                return;
            }
        }
    }

    private static string Code(string? value) => ReportText.MarkdownCode(value, inTable: false, 200);

    private static string Cell(string? value) => ReportText.MarkdownCode(value, inTable: true, 200);

    private static string FirstLines(string message)
    {
        var lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", lines.Take(3));
    }

    private static string Verdict(PerfVerdict verdict) => verdict switch
    {
        PerfVerdict.Pass => "✅ pass",
        PerfVerdict.Fail => "❌ FAIL",
        _ => "➖ inconclusive",
    };
}
