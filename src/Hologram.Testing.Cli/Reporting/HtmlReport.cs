using System.Globalization;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// Renders <see cref="ReportData"/> as one self-contained HTML page: inline CSS and SVG, no script, no font or image
/// from the network, light and dark colour schemes. Every data value passes through <see cref="HtmlBuilder"/>, which
/// redacts and encodes it.
/// </summary>
internal static class HtmlReport
{
    /// <summary>The section ids, in page order (the browser test checks each is present).</summary>
    public static readonly IReadOnlyList<(string Id, string Title)> Sections =
    [
        ("overview", "Run overview"),
        ("trend", "Tests over time"),
        ("slowest", "Slowest tests"),
        ("flaky", "Flaky and quarantined tests"),
        ("perf", "Performance"),
        ("chaos", "Chaos experiments"),
        ("e2e", "E2E steps"),
    ];

    public static string Render(ReportData data, ReportOptions options)
    {
        var h = new HtmlBuilder();
        var status = BuildStatuses.Of(data.History);
        h.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">")
            .Raw("<title>").Text($"Hologram test report · {BuildStatuses.Name(status)}").Raw("</title><style>").Raw(ReportStyles.Css).Raw("</style></head>\n<body>");
        h.Raw("<header><h1>Hologram test report <span").Attribute("class", "status " + StatusClass(status)).Raw(">").Text(BuildStatuses.Name(status)).Raw("</span></h1>");
        h.Raw("<p class=\"meta\">").Text($"Generated {ReportText.Time(data.GeneratedAt)} UTC · profile {data.Profile} · store {data.History.Store}").Raw("</p><nav>");
        foreach (var (id, title) in Sections)
        {
            h.Raw("<a").Attribute("href", "#" + id).Raw(">").Text(title).Raw("</a>");
        }

        h.Raw("</nav></header>\n<main>");
        Overview(h, data.History, options);
        Trend(h, data.History);
        Slowest(h, data.History);
        Flaky(h, data.History, options);
        Perf(h, data.Perf);
        Chaos(h, data.Chaos);
        E2E(h, data.E2E, options);
        h.Raw("</main>\n<footer>").Text("Hologram.Testing · one self-contained file: no script, nothing loaded from the network.").Raw("</footer></body></html>\n");
        return h.ToString();
    }

    private static void Open(HtmlBuilder h, string id)
    {
        var title = Sections.First(s => s.Id == id).Title;
        h.Raw("<section").Attribute("id", id).Raw("><h2>").Text(title).Raw("</h2>");
    }

    private static void Missing(HtmlBuilder h, string message) => h.Raw("<p class=\"missing\">").Text(message).Raw("</p>");

    private static void Overview(HtmlBuilder h, HistorySection history, ReportOptions options)
    {
        Open(h, "overview");
        if (history.Latest is not { } b)
        {
            Missing(h, history.Missing ?? "No run recorded.");
            h.Raw("</section>\n");
            return;
        }

        var run = b.Runs[0].Run;
        if (b.IncompleteRuns > 0)
        {
            h.Raw("<p class=\"bad-note\">").Text("Incomplete: " + BuildStatuses.IncompleteReason(b) + ".").Raw("</p>");
        }

        h.Raw("<div class=\"cards\">");
        Card(h, "tests", ReportText.Count(b.Total), null);
        Card(h, "passed", ReportText.Count(b.Passed), "ok");
        Card(h, "failed", ReportText.Count(b.BlockingFailures), b.BlockingFailures > 0 ? "bad" : null);
        Card(h, "skipped", ReportText.Count(b.Skipped), null);
        Card(h, "passed on retry", ReportText.Count(b.PassedOnRetry), b.PassedOnRetry > 0 ? "warn" : null);
        Card(h, "quarantined failures", ReportText.Count(b.QuarantinedFailures), b.QuarantinedFailures > 0 ? "warn" : null);
        Card(h, "pass rate", ReportText.Percent(b.PassRate), b.PassRate < 1 ? "warn" : "ok");
        Card(h, "duration", b.WallMs is { } wall ? ReportText.Duration(wall) : "incomplete", b.WallMs is null ? "bad" : null);
        h.Raw("</div>");

        h.Raw("<dl class=\"facts\">");
        Fact(h, "started", ReportText.Time(b.StartedAt) + " UTC");
        Fact(h, "build", b.Id);
        Fact(h, "profile", b.Distinct(r => r.Profile));
        Fact(h, "commit", b.Distinct(r => r.Commit));
        Fact(h, "branch", b.Distinct(r => r.Branch));
        Fact(h, "shard", b.Distinct(r => r.Shard) is { Length: > 0 } shard ? shard : "none (all tests)");
        Fact(h, "assemblies", b.Distinct(r => r.Assembly));
        Fact(h, "host", b.Distinct(r => r.Host));
        Fact(h, "attempts", $"{ReportText.Count(b.Attempts)} (test time {ReportText.Duration(b.TestDurationMs)})");
        h.Raw("</dl>");
        if (run.CiUrl is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            h.Raw("<p><a").Attribute("href", url).Raw(">").Text("CI job").Raw("</a></p>");
        }

        if (history.Failures.Count == 0)
        {
            h.Raw("<p class=\"ok-note\">").Text("No test failed in this build.").Raw("</p>");
        }
        else
        {
            h.Raw("<h3>").Text($"Failures ({history.Failures.Count})").Raw("</h3><table><thead><tr><th>test</th><th>attempt</th><th>message</th></tr></thead><tbody>");
            foreach (var f in history.Failures.Take(options.Failures))
            {
                h.Raw("<tr>").Cell(f.TestId, "mono", f.DisplayName)
                    .Cell(f.Quarantined ? $"{f.Attempt} · quarantined" : f.Attempt.ToString(CultureInfo.InvariantCulture), f.Quarantined ? "warn" : "bad")
                    .Raw("<td><pre>").Text(ReportText.Shorten(f.ErrorMessage ?? "(no message)", options.MessageLength)).Raw("</pre></td></tr>");
            }

            h.Raw("</tbody></table>");
            More(h, history.Failures.Count - options.Failures, "failures", "hologram flake failed --run last");
        }

        h.Raw("</section>\n");
    }

    private static void Trend(HtmlBuilder h, HistorySection history)
    {
        Open(h, "trend");
        if (history.Trend.Count == 0)
        {
            Missing(h, history.Missing ?? "No run recorded.");
        }
        else
        {
            var runs = history.Trend.Sum(b => b.Runs.Count);
            h.Raw("<p class=\"hint\">").Text($"The last {history.Trend.Count} builds ({runs} runs). Hover a bar for its date, commit and counts.").Raw("</p>");
            SvgCharts.Trend(h, history.Trend);
        }

        h.Raw("</section>\n");
    }

    private static void Slowest(HtmlBuilder h, HistorySection history)
    {
        Open(h, "slowest");
        if (history.Slowest.Count == 0)
        {
            Missing(h, history.Missing ?? "No test ran in the latest build.");
            h.Raw("</section>\n");
            return;
        }

        var slowest = history.Slowest[0].DurationMs;
        var total = history.Latest?.TestDurationMs ?? 0;
        h.Raw("<p class=\"hint\">").Text($"The {history.Slowest.Count} slowest tests of the latest build, all attempts summed.").Raw("</p>");
        h.Raw("<table><thead><tr><th>test</th><th class=\"num\">time</th><th class=\"num\">share</th><th class=\"num\">attempts</th><th>outcome</th><th class=\"barcol\"></th></tr></thead><tbody>");
        foreach (var t in history.Slowest)
        {
            h.Raw("<tr>").Cell(t.TestId, "mono", t.DisplayName).Cell(ReportText.Duration(t.DurationMs), "num")
                .Cell(total > 0 ? ReportText.Percent(t.DurationMs / total) : "-", "num").Cell(t.Attempts.ToString(CultureInfo.InvariantCulture), "num")
                .Cell(Outcome(t.Outcome), OutcomeClass(t.Outcome))
                .Raw("<td class=\"barcol\"><span class=\"hbar\"").Attribute("style", $"width:{HtmlBuilder.Coordinate(slowest > 0 ? t.DurationMs / slowest * 100 : 0)}%").Raw("></span></td></tr>");
        }

        h.Raw("</tbody></table></section>\n");
    }

    private static void Flaky(HtmlBuilder h, HistorySection history, ReportOptions options)
    {
        Open(h, "flaky");
        if (history.Missing is not null)
        {
            Missing(h, history.Missing);
            h.Raw("</section>\n");
            return;
        }

        h.Raw("<p class=\"hint\">").Text($"Tests with flake evidence in {FlakeText.Window(history.WindowDays)} or quarantined now: {history.Flaky.Count} listed, {history.QuarantinedNow} quarantined. Flake rate = flakes per run with a result.").Raw("</p>");
        if (history.Flaky.Count == 0)
        {
            h.Raw("<p class=\"ok-note\">").Text($"No flaky or quarantined test in {FlakeText.Window(history.WindowDays)}.").Raw("</p>");
        }
        else
        {
            h.Raw("<table><thead><tr><th>test</th><th class=\"num\">runs</th><th class=\"num\">flakes</th><th class=\"num\">flake rate</th><th>last seen</th><th>signature</th><th>quarantine</th><th>evidence (runs)</th></tr></thead><tbody>");
            foreach (var s in history.Flaky.Take(options.FlakyTests))
            {
                var evidence = history.Evidence.TryGetValue(s.TestId, out var e) ? e : [];
                h.Raw("<tr>").Cell(s.TestId, "mono", s.DisplayName).Cell(ReportText.Count(s.Runs), "num").Cell(ReportText.Count(s.Flakes), "num")
                    .Raw("<td class=\"num\">").Text(ReportText.Percent(s.FlakeRate)).Raw("<span class=\"rate\"><span").Attribute("style", $"width:{HtmlBuilder.Coordinate(Math.Min(1, s.FlakeRate) * 100)}%").Raw("></span></span></td>")
                    .Cell(FlakeText.Time(s.LastFlake)).Cell(s.LastSignature ?? "-", "mono")
                    .Cell(s.Quarantine is null ? "-" : FlakeText.Quarantine(s.Quarantine), s.Quarantine is null ? null : "warn")
                    .Cell(Evidence(evidence), "mono small", string.Join("\n", evidence.Take(20).Select(f => $"{FlakeText.Time(f.DetectedAt)} {f.RunId} {Kind(f.Kind)} commit {ReportText.Commit(f.Commit)}")))
                    .Raw("</tr>");
            }

            h.Raw("</tbody></table>");
            More(h, history.Flaky.Count - options.FlakyTests, "flaky or quarantined tests", "hologram flake report");
        }

        h.Raw("<details><summary>").Text($"Quarantine audit trail (latest {history.Audit.Count})").Raw("</summary>");
        if (history.Audit.Count == 0)
        {
            h.Raw("<p class=\"muted\">").Text("No quarantine change recorded.").Raw("</p>");
        }
        else
        {
            h.Raw("<table><thead><tr><th>when (UTC)</th><th>test</th><th>action</th><th>by</th><th>reason</th></tr></thead><tbody>");
            foreach (var a in history.Audit)
            {
                h.Raw("<tr>").Cell(ReportText.Time(a.At)).Cell(a.TestId, "mono").Cell(a.Action, a.Action == "quarantined" ? "warn" : "ok").Cell(a.By).Cell(a.Reason).Raw("</tr>");
            }

            h.Raw("</tbody></table>");
        }

        h.Raw("</details></section>\n");
    }

    private static void Perf(HtmlBuilder h, PerfSection perf)
    {
        Open(h, "perf");
        if (perf.Missing is not null)
        {
            Missing(h, perf.Missing);
            h.Raw("</section>\n");
            return;
        }

        h.Raw("<p class=\"hint\">").Text(
            $"p95 per measurement with its confidence band; dots are green when confidently within the budget, red when confidently over it, amber when undecided. Baseline: {(perf.BaselinePath is null ? "none (hologram perf baseline writes one)" : perf.BaselinePath)}.")
            .Raw("</p>");
        foreach (var problem in perf.Problems)
        {
            Missing(h, problem);
        }

        h.Raw("<div class=\"grid\">");
        foreach (var s in perf.Series)
        {
            var last = s.Latest;
            h.Raw("<div class=\"panel\"><h3>").Text(s.Label).Raw(" <span").Attribute("class", "pill " + SvgCharts.VerdictClass(s.BudgetVerdict)).Raw(">")
                .Text(s.BudgetVerdict is { } v ? "budget " + Verdict(v) : "no budget").Raw("</span>");
            if (s.Regression is { } r)
            {
                h.Raw(" <span").Attribute("class", "pill " + SvgCharts.VerdictClass(r.Baseline is null ? null : r.Verdict)).Raw(">")
                    .Text(r.Baseline is null ? "not in baseline" : "baseline " + Verdict(r.Verdict)).Raw("</span>");
            }

            h.Raw("</h3>");
            SvgCharts.Perf(h, s);
            h.Raw("<p class=\"small\">").Text(
                $"latest p95 {ReportText.Number(last.P95, "0.###")} ms ({ReportText.Number(last.Level * 100, "0.#")}% CI {ReportText.Number(last.P95Lower, "0.###")}–{ReportText.Number(last.P95Upper, "0.###")}), n={last.N}, profile {last.Profile}"
                + (s.BudgetMs is { } budget ? $", budget {ReportText.Number(budget, "0.###")} ms" : ", no budget defined (Budgets:" + s.Name + ":P95Ms)")
                + (s.Regression is { Baseline: not null } reg
                    ? $"; vs baseline ×{ReportText.Number(reg.Ratio, "0.###")} ({ReportText.Number(reg.RatioLower, "0.###")}–{ReportText.Number(reg.RatioUpper, "0.###")}), threshold +{ReportText.Number(reg.ThresholdPct, "0.#")}%"
                    : string.Empty)).Raw("</p>");
            foreach (var shift in s.Shifts)
            {
                h.Raw("<p class=\"small change-point\">").Text("change point: " + shift.Describe(s.Label)).Raw("</p>");
            }

            if (s.Regression is { EnvironmentDifferences.Count: > 0 } diff)
            {
                h.Raw("<p class=\"small muted\">").Text("not comparable with the baseline: " + string.Join("; ", diff.EnvironmentDifferences)).Raw("</p>");
            }

            h.Raw("</div>");
        }

        h.Raw("</div>");
        h.Raw("<h3>").Text("Cold vs warm").Raw("</h3>");
        if (perf.ColdWarm.Count == 0)
        {
            h.Raw("<p class=\"muted\">").Text("No measurement has both a cold and a warm record (Perf.MeasureCold(name, op, reset) records the cold phase).").Raw("</p>");
        }
        else
        {
            h.Raw("<table><thead><tr><th>measurement</th><th class=\"num\">cold p50</th><th class=\"num\">cold p95</th><th class=\"num\">warm p50</th><th class=\"num\">warm p95</th><th class=\"num\">cold/warm p50</th><th class=\"num\">cold/warm p95</th></tr></thead><tbody>");
            foreach (var c in perf.ColdWarm)
            {
                h.Raw("<tr>").Cell(c.Name, "mono").Cell(Ms(c.ColdP50), "num").Cell(Ms(c.ColdP95), "num").Cell(Ms(c.WarmP50), "num").Cell(Ms(c.WarmP95), "num")
                    .Cell("×" + ReportText.Number(c.RatioP50, "0.#"), "num").Cell("×" + ReportText.Number(c.RatioP95, "0.#"), "num").Raw("</tr>");
            }

            h.Raw("</tbody></table>");
        }

        h.Raw("</section>\n");
    }

    private static void Chaos(HtmlBuilder h, ChaosSection chaos)
    {
        Open(h, "chaos");
        foreach (var problem in chaos.Problems)
        {
            Missing(h, "not read: " + problem);
        }

        if (chaos.Missing is not null)
        {
            Missing(h, chaos.Missing);
            h.Raw("</section>\n");
            return;
        }

        if (chaos.Experiments.Count > 0)
        {
            h.Raw("<table><thead><tr><th>experiment</th><th class=\"num\">operations</th><th class=\"num\">success rate</th><th>by phase</th><th class=\"num\">recovery</th><th class=\"num\">acknowledged writes</th><th class=\"num\">lost / corrupted</th><th>verdict</th></tr></thead><tbody>");
            foreach (var e in chaos.Experiments)
            {
                h.Raw("<tr>").Cell(e.Name, "mono", e.StartedAt is { } at ? $"started {ReportText.Time(at)} UTC, ran {ReportText.Duration(e.DurationMs)}" : null)
                    .Cell(ReportText.Count(e.Operations), "num")
                    .Cell(ReportText.Percent(e.SuccessRate), e.MinSuccessRate is { } min && !(e.SuccessRate > min) ? "num bad" : "num", e.MinSuccessRate is { } m ? $"threshold: above {ReportText.Percent(m)}" : null)
                    .Raw("<td class=\"phases\">");
                foreach (var (phase, ops, failures, rate) in e.Phases)
                {
                    h.Raw("<span class=\"phase\"").Attribute("title", $"{phase}: {ops} operations, {failures} failed ({ReportText.Percent(rate)} ok)").Raw("><span class=\"rate\"><span")
                        .Attribute("class", rate < 0.95 ? "low" : null).Attribute("style", $"width:{HtmlBuilder.Coordinate(rate * 100)}%").Raw("></span></span>").Text(phase).Raw("</span>");
                }

                h.Raw("</td>")
                    .Cell(e.Recovered ? ReportText.Duration(e.RecoveryMs) : "not recovered", e.Recovered && !(e.MaxRecoveryMs is { } max && e.RecoveryMs >= max) ? "num" : "num bad", e.MaxRecoveryMs is { } mr ? $"threshold: under {ReportText.Duration(mr)}" : null)
                    .Cell(ReportText.Count(e.AcknowledgedWrites), "num")
                    .Cell($"{e.LostWrites} / {e.CorruptedWrites}", e.LostWrites + e.CorruptedWrites > 0 ? "num bad" : "num")
                    .Cell(e.Passed ? "passed" : "failed", e.Passed ? "ok" : "bad", e.Violations.Count > 0 ? string.Join("\n", e.Violations) : null)
                    .Raw("</tr>");
            }

            h.Raw("</tbody></table>");
            foreach (var e in chaos.Experiments.Where(e => e.Violations.Count > 0))
            {
                h.Raw("<p class=\"bad small\">").Text($"{e.Name}: {string.Join("; ", e.Violations)}").Raw("</p>");
            }
        }

        if (chaos.Ramps.Count > 0)
        {
            h.Raw("<h3>").Text("Load ramps").Raw("</h3><div class=\"grid\">");
            foreach (var r in chaos.Ramps.Where(r => r.Steps.Count > 0))
            {
                h.Raw("<div class=\"panel\"><h3>").Text(r.Name).Raw("</h3>");
                SvgCharts.Ramp(h, r);
                h.Raw("<p class=\"small\">").Text(r.KneeConcurrency is { } k ? $"knee at concurrency {k}: {r.KneeReason}" : "no knee: " + (r.KneeReason ?? "every step still scaled")).Raw("</p></div>");
            }

            h.Raw("</div>");
        }

        h.Raw("</section>\n");
    }

    private static void E2E(HtmlBuilder h, E2ESection e2e, ReportOptions options)
    {
        Open(h, "e2e");
        if (e2e.Missing is not null || e2e.Summary is null)
        {
            Missing(h, e2e.Missing ?? "No E2E events.");
            h.Raw("</section>\n");
            return;
        }

        var s = e2e.Summary;
        h.Raw("<p class=\"hint\">").Text($"{s.Events} events in {s.Runs} runs, {s.Failures.Count} failed steps{(e2e.MalformedLines > 0 ? $", {e2e.MalformedLines} malformed lines ignored" : string.Empty)} — {e2e.Path}").Raw("</p>");
        h.Raw("<table><thead><tr><th>step</th><th class=\"num\">total</th><th class=\"num\">pass</th><th class=\"num\">fail</th><th class=\"num\">skip</th><th class=\"num\">p50</th><th class=\"num\">p95</th></tr></thead><tbody>");
        foreach (var step in s.Steps)
        {
            h.Raw("<tr>").Cell(step.Step, "mono").Cell(ReportText.Count(step.Total), "num").Cell(ReportText.Count(step.Passed), "num ok")
                .Cell(ReportText.Count(step.Failed), step.Failed > 0 ? "num bad" : "num").Cell(ReportText.Count(step.Skipped), "num")
                .Cell(step.P50 is { } p50 ? ReportText.Duration(p50) : "-", "num").Cell(step.P95 is { } p95 ? ReportText.Duration(p95) : "-", "num").Raw("</tr>");
        }

        h.Raw("</tbody></table>");
        h.Raw("<h3>").Text($"Latest run {e2e.LatestRun}").Raw("</h3><table><thead><tr><th>time (UTC)</th><th>test</th><th>step</th><th>status</th><th class=\"num\">duration</th><th>details</th></tr></thead><tbody>");
        foreach (var ev in e2e.LatestSteps)
        {
            var details = ev.Data is null ? string.Empty : string.Join(", ", ev.Data.Select(p => $"{p.Key}={(p.Value is System.Text.Json.Nodes.JsonValue jv && jv.TryGetValue<string>(out var str) ? str : p.Value?.ToJsonString())}"));
            h.Raw("<tr>").Cell(ev.Timestamp.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Cell(ev.Test, "mono").Cell(ev.Step, "mono")
                .Cell(ev.Status, ev.Status switch { "pass" => "ok", "fail" => "bad", _ => "muted" })
                .Cell(ev.DurationMs is { } d ? ReportText.Duration(d) : "-", "num").Cell(ReportText.Shorten(details, options.MessageLength), "small").Raw("</tr>");
        }

        h.Raw("</tbody></table>");
        More(h, e2e.LatestStepsOmitted, "events of this run", "hologram e2e summary --run latest");
        h.Raw("</section>\n");
    }

    private static void Card(HtmlBuilder h, string label, string value, string? css)
    {
        h.Raw("<div").Attribute("class", css is null ? "card" : "card " + css).Raw("><span class=\"value\">").Text(value).Raw("</span><span class=\"label\">").Text(label).Raw("</span></div>");
    }

    private static void Fact(HtmlBuilder h, string name, string value)
    {
        var shown = string.IsNullOrEmpty(value) ? "-" : value;
        h.Raw("<div><dt>").Text(name).Raw("</dt><dd").Attribute("title", shown).Raw(">").Text(shown).Raw("</dd></div>");
    }

    private static void More(HtmlBuilder h, int more, string what, string command)
    {
        if (more > 0)
        {
            h.Raw("<p class=\"muted\">").Text($"… and {ReportText.Count(more)} more {what} (see `{command}`).").Raw("</p>");
        }
    }

    private static string Evidence(IReadOnlyList<FlakeEvent> events) =>
        events.Count == 0 ? "-" : string.Join(", ", events.Take(3).Select(e => ShortRun(e.RunId))) + (events.Count > 3 ? $" +{events.Count - 3}" : string.Empty);

    private static string ShortRun(string runId) => runId.Length > 12 ? runId[..12] : runId;

    private static string Kind(FlakeKind kind) => kind == FlakeKind.PassedOnRetry ? "passed on retry" : "differs across runs of the commit";

    private static string Ms(double value) => ReportText.Number(value, "0.###") + " ms";

    private static string Verdict(PerfVerdict verdict) => verdict switch
    {
        PerfVerdict.Pass => "pass",
        PerfVerdict.Fail => "FAIL",
        _ => "inconclusive",
    };

    private static string Outcome(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "passed",
        TestOutcome.Failed => "failed",
        _ => "skipped",
    };

    private static string OutcomeClass(TestOutcome outcome) => outcome switch
    {
        TestOutcome.Passed => "ok",
        TestOutcome.Failed => "bad",
        _ => "muted",
    };

    private static string StatusClass(BuildStatus status) => status switch
    {
        BuildStatus.Passing => "ok",
        BuildStatus.Flaky => "warn",
        BuildStatus.Failing or BuildStatus.Incomplete => "bad",
        _ => "muted",
    };
}
