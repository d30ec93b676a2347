using System.Globalization;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Inline SVG charts with axes, labels and a hover title on every mark; colours come from CSS classes so both colour schemes apply.</summary>
internal static class SvgCharts
{
    /// <summary>Stacked bars per build: passed, passed on retry, failed, quarantined failures, skipped.</summary>
    public static void Trend(HtmlBuilder h, IReadOnlyList<BuildTotals> builds)
    {
        const double W = 960, H = 280, L = 60, R = 16, T = 16, B = 52;
        var plotW = W - L - R;
        var plotH = H - T - B;
        var ticks = Ticks(Math.Max(1, builds.Max(b => b.Total)));
        var max = ticks[^1];
        h.Raw("<svg class=\"chart\" viewBox=\"0 0 960 280\" role=\"img\"").Attribute("aria-label", $"Tests over the last {builds.Count} builds").Raw(">");
        YAxis(h, ticks, L, T, plotW, plotH, "tests", v => ReportText.Count((long)v));
        var slot = plotW / builds.Count;
        var bar = Math.Clamp(slot * 0.78, 1, 36);
        var sameDays = builds[^1].StartedAt - builds[0].StartedAt < TimeSpan.FromDays(3);
        var labelFormat = sameDays ? "MM-dd HH:mm" : "MM-dd";
        var labelEvery = Math.Max(1, (int)Math.Ceiling(builds.Count / (sameDays ? 7.0 : 10.0)));
        for (var i = 0; i < builds.Count; i++)
        {
            var b = builds[i];
            var x = L + (i * slot) + ((slot - bar) / 2);
            var title = $"{ReportText.Time(b.StartedAt)} UTC · build {b.Id} · commit {ReportText.Commit(b.Runs[0].Run.Commit)}\n"
                + $"{b.Passed} passed ({b.PassedOnRetry} on retry), {b.Failed} failed ({b.QuarantinedFailures} quarantined), {b.Skipped} skipped · pass rate {ReportText.Percent(b.PassRate)}";
            h.Raw("<g class=\"bar\">").SvgTitle(title);
            var y = T + plotH;
            foreach (var (value, css) in new[]
            {
                (b.Passed - b.PassedOnRetry, "pass"), (b.PassedOnRetry, "flaky"), (b.BlockingFailures, "fail"), (b.QuarantinedFailures, "quar"), (b.Skipped, "skip"),
            })
            {
                if (value <= 0)
                {
                    continue;
                }

                var height = value / max * plotH;
                y -= height;
                h.Raw("<rect").Attribute("class", css).Attribute("x", x).Attribute("y", y).Attribute("width", bar).Attribute("height", Math.Max(0.5, height)).Raw("/>");
            }

            h.Raw("</g>");
            if (i % labelEvery == 0 || i == builds.Count - 1)
            {
                h.Raw("<text class=\"tick\" text-anchor=\"middle\"").Attribute("x", x + (bar / 2)).Attribute("y", T + plotH + 16).Raw(">")
                    .Text(b.StartedAt.UtcDateTime.ToString(labelFormat, CultureInfo.InvariantCulture)).Raw("</text>");
            }
        }

        h.Raw("<text class=\"axis-label\" text-anchor=\"middle\"").Attribute("x", L + (plotW / 2)).Attribute("y", H - 8).Raw(">build start (UTC), oldest left</text>");
        h.Raw("</svg>");
        Legend(h, [("pass", "passed"), ("flaky", "passed on retry"), ("fail", "failed"), ("quar", "failed, quarantined"), ("skip", "skipped")]);
    }

    /// <summary>p95 over time with its confidence band and the budget line.</summary>
    public static void Perf(HtmlBuilder h, PerfSeries series)
    {
        const double W = 460, H = 220, L = 56, R = 12, T = 14, B = 40;
        var plotW = W - L - R;
        var plotH = H - T - B;
        var points = series.Points;
        var finiteTop = points.SelectMany(p => new[] { p.P95, p.P95Upper }).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var top = Math.Max(finiteTop, series.BudgetMs ?? 0) * 1.08;
        var ticks = Ticks(top <= 0 ? 1 : top);
        var max = ticks[^1];
        double X(int i) => L + (points.Count == 1 ? plotW / 2 : i * plotW / (points.Count - 1));
        double Y(double v) => T + plotH - (Math.Clamp(double.IsFinite(v) ? v : (v > 0 ? max : 0), 0, max) / max * plotH);

        h.Raw("<svg class=\"chart perf\" viewBox=\"0 0 460 220\" role=\"img\"").Attribute("aria-label", $"{series.Label} p95 over the last {points.Count} measurements").Raw(">");
        YAxis(h, ticks, L, T, plotW, plotH, "p95 (ms)", v => ReportText.Number(v, "0.###"));

        var band = string.Join(' ', points.Select((p, i) => $"{HtmlBuilder.Coordinate(X(i))},{HtmlBuilder.Coordinate(Y(p.P95Upper))}"))
            + " " + string.Join(' ', points.Select((p, i) => (p, i)).Reverse().Select(t => $"{HtmlBuilder.Coordinate(X(t.i))},{HtmlBuilder.Coordinate(Y(t.p.P95Lower))}"));
        if (points.Count > 1)
        {
            h.Raw("<polygon class=\"band\"").Attribute("points", band).Raw(">").SvgTitle("confidence band of p95 (lower–upper bound)").Raw("</polygon>");
            h.Raw("<polyline class=\"line\"").Attribute("points", string.Join(' ', points.Select((p, i) => $"{HtmlBuilder.Coordinate(X(i))},{HtmlBuilder.Coordinate(Y(p.P95))}"))).Raw("/>");
        }

        if (series.BudgetMs is { } budget)
        {
            h.Raw("<line class=\"budget\"").Attribute("x1", L).Attribute("x2", L + plotW).Attribute("y1", Y(budget)).Attribute("y2", Y(budget)).Raw(">")
                .SvgTitle($"budget {ReportText.Number(budget, "0.###")} ms (profile budget)").Raw("</line>");
            h.Raw("<text class=\"budget-label\" text-anchor=\"end\"").Attribute("x", L + plotW - 2).Attribute("y", Y(budget) - 4).Raw(">")
                .Text($"budget {ReportText.Number(budget, "0.###")} ms").Raw("</text>");
        }

        foreach (var shift in series.Shifts)
        {
            // Between the last point at the old level and the first at the new one.
            var x = (X(shift.Change.Index - 1) + X(shift.Change.Index)) / 2;
            h.Raw("<line class=\"change\"").Attribute("x1", x).Attribute("x2", x).Attribute("y1", T).Attribute("y2", T + plotH).Raw(">")
                .SvgTitle("change point: " + shift.Describe(series.Label)).Raw("</line>");
            h.Raw("<text class=\"change-label\" text-anchor=\"middle\"").Attribute("x", x).Attribute("y", T + 10).Raw(">")
                .Text(PerfFormatting.Signed(shift.Change.ChangePct)).Raw("</text>");
        }

        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            var css = series.BudgetMs is { } b2 ? (p.P95Lower > b2 ? "dot fail" : p.P95Upper <= b2 ? "dot pass" : "dot inconclusive") : "dot";
            h.Raw("<circle").Attribute("class", css).Attribute("cx", X(i)).Attribute("cy", Y(p.P95)).Attribute("r", points.Count > 60 ? 2 : 3.5).Raw(">")
                .SvgTitle($"{ReportText.Time(p.Timestamp)} UTC · run {p.Run} · commit {ReportText.Commit(p.Commit)} · profile {p.Profile}\n"
                    + $"p95 {ReportText.Number(p.P95, "0.###")} ms ({ReportText.Number(p.Level * 100, "0.#")}% CI {ReportText.Number(p.P95Lower, "0.###")}–{ReportText.Number(p.P95Upper, "0.###")}) · p50 {ReportText.Number(p.P50, "0.###")} ms · n={p.N}")
                .Raw("</circle>");
        }

        h.Raw("<text class=\"tick\" text-anchor=\"start\"").Attribute("x", L).Attribute("y", T + plotH + 16).Raw(">").Text(ReportText.ShortTime(points[0].Timestamp)).Raw("</text>");
        if (points.Count > 1)
        {
            h.Raw("<text class=\"tick\" text-anchor=\"end\"").Attribute("x", L + plotW).Attribute("y", T + plotH + 16).Raw(">").Text(ReportText.ShortTime(points[^1].Timestamp)).Raw("</text>");
        }

        h.Raw("<text class=\"axis-label\" text-anchor=\"middle\"").Attribute("x", L + (plotW / 2)).Attribute("y", H - 6).Raw(">")
            .Text($"last {points.Count} measurements (UTC)").Raw("</text>");
        h.Raw("</svg>");
    }

    /// <summary>A load ramp: p95 per concurrency level, throughput in the hover titles, the knee marked.</summary>
    public static void Ramp(HtmlBuilder h, LoadRampRow ramp)
    {
        const double W = 460, H = 200, L = 56, R = 12, T = 14, B = 40;
        var plotW = W - L - R;
        var plotH = H - T - B;
        var steps = ramp.Steps;
        var ticks = Ticks(Math.Max(0.001, steps.Max(s => s.P95Ms)) * 1.08);
        var max = ticks[^1];
        double X(int i) => L + (steps.Count == 1 ? plotW / 2 : i * plotW / (steps.Count - 1));
        double Y(double v) => T + plotH - (Math.Clamp(v, 0, max) / max * plotH);
        h.Raw("<svg class=\"chart ramp\" viewBox=\"0 0 460 200\" role=\"img\"").Attribute("aria-label", $"{ramp.Name} p95 by concurrency").Raw(">");
        YAxis(h, ticks, L, T, plotW, plotH, "p95 (ms)", v => ReportText.Number(v, "0.#"));
        h.Raw("<polyline class=\"line\"").Attribute("points", string.Join(' ', steps.Select((s, i) => $"{HtmlBuilder.Coordinate(X(i))},{HtmlBuilder.Coordinate(Y(s.P95Ms))}"))).Raw("/>");
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            var knee = ramp.KneeConcurrency == s.Concurrency;
            if (knee)
            {
                h.Raw("<line class=\"knee\"").Attribute("x1", X(i)).Attribute("x2", X(i)).Attribute("y1", T).Attribute("y2", T + plotH).Raw(">")
                    .SvgTitle($"knee at concurrency {s.Concurrency}{(ramp.KneeReason is null ? string.Empty : ": " + ramp.KneeReason)}").Raw("</line>");
            }

            h.Raw("<circle").Attribute("class", s.ErrorRate > 0.01 ? "dot fail" : "dot").Attribute("cx", X(i)).Attribute("cy", Y(s.P95Ms)).Attribute("r", 3.5).Raw(">")
                .SvgTitle($"concurrency {s.Concurrency}: p95 {ReportText.Number(s.P95Ms, "0.##")} ms · {ReportText.Number(s.Throughput, "0.#")} req/s · {ReportText.Count(s.Requests)} requests · errors {ReportText.Percent(s.ErrorRate)}")
                .Raw("</circle>");
            h.Raw("<text class=\"tick\" text-anchor=\"middle\"").Attribute("x", X(i)).Attribute("y", T + plotH + 16).Raw(">").Text(s.Concurrency.ToString(CultureInfo.InvariantCulture)).Raw("</text>");
        }

        h.Raw("<text class=\"axis-label\" text-anchor=\"middle\"").Attribute("x", L + (plotW / 2)).Attribute("y", H - 6).Raw(">concurrency</text>");
        h.Raw("</svg>");
    }

    /// <summary>Round tick values from 0 to at least <paramref name="max"/> (1, 2 or 5 times a power of ten apart).</summary>
    public static double[] Ticks(double max, int target = 5)
    {
        var raw = max / target;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        var count = (int)Math.Ceiling(max / step - 1e-9);
        return Enumerable.Range(0, Math.Max(1, count) + 1).Select(i => Math.Round(i * step, 10)).ToArray();
    }

    private static void YAxis(HtmlBuilder h, double[] ticks, double left, double top, double width, double height, string label, Func<double, string> format)
    {
        var max = ticks[^1];
        foreach (var tick in ticks)
        {
            var y = top + height - (tick / max * height);
            h.Raw("<line class=\"grid\"").Attribute("x1", left).Attribute("x2", left + width).Attribute("y1", y).Attribute("y2", y).Raw("/>");
            h.Raw("<text class=\"tick\" text-anchor=\"end\"").Attribute("x", left - 6).Attribute("y", y + 4).Raw(">").Text(format(tick)).Raw("</text>");
        }

        h.Raw("<line class=\"axis\"").Attribute("x1", left).Attribute("x2", left).Attribute("y1", top).Attribute("y2", top + height).Raw("/>");
        h.Raw("<line class=\"axis\"").Attribute("x1", left).Attribute("x2", left + width).Attribute("y1", top + height).Attribute("y2", top + height).Raw("/>");
        h.Raw("<text class=\"axis-label\" text-anchor=\"middle\"").Attribute("transform", $"translate(14 {HtmlBuilder.Coordinate(top + (height / 2))}) rotate(-90)").Raw(">").Text(label).Raw("</text>");
    }

    private static void Legend(HtmlBuilder h, (string Css, string Label)[] items)
    {
        h.Raw("<p class=\"legend\">");
        foreach (var (css, label) in items)
        {
            h.Raw("<span><i").Attribute("class", "swatch " + css).Raw("></i>").Text(label).Raw("</span>");
        }

        h.Raw("</p>");
    }

    /// <summary>The CSS class of a verdict.</summary>
    public static string VerdictClass(PerfVerdict? verdict) => verdict switch
    {
        PerfVerdict.Pass => "ok",
        PerfVerdict.Fail => "bad",
        PerfVerdict.Inconclusive => "warn",
        _ => "muted",
    };
}
