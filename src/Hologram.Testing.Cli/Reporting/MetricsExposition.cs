using System.Globalization;
using System.Text;
using Hologram.Testing.Perf;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The figures as Prometheus text: the 0.0.4 exposition format (node-exporter textfile collector, Pushgateway) or
/// OpenMetrics 1.0 (<c># EOF</c>, counter families without <c>_total</c> in their metadata). Base units as suffixes,
/// <c>_total</c> only on counters, gauges for latest-run values, no timestamps.
/// </summary>
internal sealed class MetricsExposition(bool openMetrics)
{
    private readonly StringBuilder text = new();

    /// <summary>The media type to serve the text with.</summary>
    public string ContentType => openMetrics ? "application/openmetrics-text; version=1.0.0; charset=utf-8" : "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Renders the figures; the counters sum the runs in <see cref="HistorySection.Trend"/> (load it with every run for true totals).</summary>
    public static string Render(ReportData data, bool openMetrics)
    {
        var m = new MetricsExposition(openMetrics);
        var history = data.History;
        var allRuns = history.Trend.SelectMany(b => b.Runs).ToList();

        m.Family("hologram_history_store_readable", "gauge", "1 when the history store was read (or does not exist yet), 0 when it could not be read.");
        m.Sample("hologram_history_store_readable", history.Unreadable is null ? 1 : 0);
        if (history.Unreadable is not null)
        {
            // Counters of 0 would read as a counter reset: a store that cannot be read gives no history series at all.
            m.Files(data);
            return m.Finish();
        }

        // Counters over every run in the store: monotonic while the store grows.
        m.Family("hologram_tests", "counter", "Final test outcomes recorded in the history store, all runs.");
        m.Sample("hologram_tests_total", allRuns.Sum(r => r.Passed), ("outcome", "passed"));
        m.Sample("hologram_tests_total", allRuns.Sum(r => r.Failed), ("outcome", "failed"));
        m.Sample("hologram_tests_total", allRuns.Sum(r => r.Skipped), ("outcome", "skipped"));
        m.Family("hologram_test_attempts", "counter", "Test attempts recorded in the history store (retries included), all runs.");
        m.Sample("hologram_test_attempts_total", allRuns.Sum(r => r.Attempts));
        m.Family("hologram_runs", "counter", "Test runs recorded in the history store.");
        m.Sample("hologram_runs_total", allRuns.Count);

        if (history.Latest is { } b)
        {
            var run = b.Runs[0].Run;
            m.Family("hologram_last_run_tests", "gauge", "Tests of the latest build by final outcome.");
            m.Sample("hologram_last_run_tests", b.Passed, ("outcome", "passed"));
            m.Sample("hologram_last_run_tests", b.BlockingFailures, ("outcome", "failed"));
            m.Sample("hologram_last_run_tests", b.Skipped, ("outcome", "skipped"));
            m.Sample("hologram_last_run_tests", b.QuarantinedFailures, ("outcome", "quarantined_failure"));
            m.Sample("hologram_last_run_tests", b.PassedOnRetry, ("outcome", "passed_on_retry"));
            m.Family("hologram_last_run_pass_ratio", "gauge", "Passed / (passed + failed) in the latest build.");
            m.Sample("hologram_last_run_pass_ratio", b.PassRate);
            if (b.WallMs is { } wall)
            {
                m.Family("hologram_last_run_duration_seconds", "gauge", "Wall time of the latest build, first start to last end.", "seconds");
                m.Sample("hologram_last_run_duration_seconds", wall / 1000);
            }

            m.Family("hologram_last_run_start_time_seconds", "gauge", "Start of the latest build, Unix time.", "seconds");
            m.Sample("hologram_last_run_start_time_seconds", b.StartedAt.ToUnixTimeMilliseconds() / 1000.0);
            m.Family("hologram_last_run_status", "gauge", "1 for the status of the latest build, 0 for the others.");
            var status = BuildStatuses.Of(b);
            foreach (var s in BuildStatuses.Recorded)
            {
                m.Sample("hologram_last_run_status", s == status ? 1 : 0, ("status", BuildStatuses.Name(s)));
            }

            m.Family("hologram_last_run_info", "gauge", "Labels of the latest build; the value is always 1.");
            m.Sample("hologram_last_run_info", 1, ("profile", b.Distinct(r => r.Profile)), ("commit", run.Commit ?? string.Empty), ("branch", run.Branch ?? string.Empty), ("shard", b.Distinct(r => r.Shard)));
        }

        if (history.Missing is null)
        {
            m.Family("hologram_flaky_tests", "gauge", "Tests with flake evidence in the flake window.");
            m.Sample("hologram_flaky_tests", history.Flaky.Count(f => f.Flakes > 0));
            m.Family("hologram_quarantined_tests", "gauge", "Tests quarantined now.");
            m.Sample("hologram_quarantined_tests", history.QuarantinedNow);
            m.Family("hologram_test_flake_ratio", "gauge", "Flakes per run in the flake window, for the 50 flakiest tests.");
            foreach (var f in history.Flaky.Where(f => f.Flakes > 0).Take(50))
            {
                m.Sample("hologram_test_flake_ratio", f.FlakeRate, ("test", f.TestId));
            }
        }

        m.Files(data);
        return m.Finish();
    }

    /// <summary>The figures from the files under the reports directory: perf, chaos, E2E.</summary>
    private void Files(ReportData data)
    {
        var m = this;
        if (data.Perf.Series.Count > 0)
        {
            m.Family("hologram_perf_p95_seconds", "gauge", "Latest p95 latency per measurement.", "seconds");
            foreach (var s in data.Perf.Series)
            {
                m.Sample("hologram_perf_p95_seconds", s.Latest.P95 / 1000, ("name", s.Name), ("phase", Phase(s.Phase)));
            }

            m.Family("hologram_perf_p95_upper_seconds", "gauge", "Upper confidence bound of the latest p95.", "seconds");
            foreach (var s in data.Perf.Series.Where(s => double.IsFinite(s.Latest.P95Upper)))
            {
                m.Sample("hologram_perf_p95_upper_seconds", s.Latest.P95Upper / 1000, ("name", s.Name), ("phase", Phase(s.Phase)));
            }

            m.Family("hologram_perf_p95_lower_seconds", "gauge", "Lower confidence bound of the latest p95.", "seconds");
            foreach (var s in data.Perf.Series.Where(s => double.IsFinite(s.Latest.P95Lower)))
            {
                m.Sample("hologram_perf_p95_lower_seconds", s.Latest.P95Lower / 1000, ("name", s.Name), ("phase", Phase(s.Phase)));
            }

            m.Family("hologram_perf_budget_seconds", "gauge", "p95 budget of the active profile.", "seconds");
            foreach (var s in data.Perf.Series.Where(s => s.BudgetMs is not null))
            {
                m.Sample("hologram_perf_budget_seconds", s.BudgetMs!.Value / 1000, ("name", s.Name));
            }

            m.Family("hologram_perf_budget_verdict", "gauge", "1 for the budget verdict of the latest measurement (pass, fail, inconclusive).");
            foreach (var s in data.Perf.Series.Where(s => s.BudgetVerdict is not null))
            {
                foreach (var v in new[] { PerfVerdict.Pass, PerfVerdict.Fail, PerfVerdict.Inconclusive })
                {
                    m.Sample("hologram_perf_budget_verdict", s.BudgetVerdict == v ? 1 : 0, ("name", s.Name), ("verdict", Verdict(v)));
                }
            }

            m.Family("hologram_perf_baseline_ratio", "gauge", "Latest p95 / baseline p95.");
            foreach (var s in data.Perf.Series.Where(s => s.Regression is { Baseline: not null } && double.IsFinite(s.Regression.Ratio)))
            {
                m.Sample("hologram_perf_baseline_ratio", s.Regression!.Ratio, ("name", s.Name), ("phase", Phase(s.Phase)));
            }
        }

        if (data.Chaos.Experiments.Count > 0)
        {
            m.Family("hologram_chaos_success_ratio", "gauge", "Share of workload operations that succeeded during the experiment.");
            foreach (var e in data.Chaos.Experiments)
            {
                m.Sample("hologram_chaos_success_ratio", e.SuccessRate, ("experiment", e.Name));
            }

            m.Family("hologram_chaos_recovery_seconds", "gauge", "From the start of the restore until the steady state held again.", "seconds");
            foreach (var e in data.Chaos.Experiments)
            {
                m.Sample("hologram_chaos_recovery_seconds", e.RecoveryMs / 1000, ("experiment", e.Name));
            }

            m.Family("hologram_chaos_lost_writes", "gauge", "Acknowledged writes lost or corrupted.");
            foreach (var e in data.Chaos.Experiments)
            {
                m.Sample("hologram_chaos_lost_writes", e.LostWrites + e.CorruptedWrites, ("experiment", e.Name));
            }

            m.Family("hologram_chaos_passed", "gauge", "1 when the experiment met its thresholds.");
            foreach (var e in data.Chaos.Experiments)
            {
                m.Sample("hologram_chaos_passed", e.Passed ? 1 : 0, ("experiment", e.Name));
            }
        }

        if (data.E2E.Summary is { } e2e)
        {
            m.Family("hologram_e2e_step_p95_seconds", "gauge", "p95 duration of each E2E step over the event log.", "seconds");
            foreach (var step in e2e.Steps.Where(s => s.P95 is not null))
            {
                m.Sample("hologram_e2e_step_p95_seconds", step.P95!.Value / 1000, ("step", step.Step));
            }

            m.Family("hologram_e2e_step_failures", "gauge", "Failed events of each E2E step in the event log.");
            foreach (var step in e2e.Steps)
            {
                m.Sample("hologram_e2e_step_failures", step.Failed, ("step", step.Step));
            }
        }
    }

    private string Finish()
    {
        if (openMetrics)
        {
            text.Append("# EOF\n");
        }

        return text.ToString();
    }

    private void Family(string name, string type, string help, string? unit = null)
    {
        text.Append("# HELP ").Append(name).Append(type == "counter" && !openMetrics ? "_total" : string.Empty).Append(' ').Append(help).Append('\n');
        text.Append("# TYPE ").Append(name).Append(type == "counter" && !openMetrics ? "_total" : string.Empty).Append(' ').Append(type).Append('\n');
        if (openMetrics && unit is not null)
        {
            text.Append("# UNIT ").Append(name).Append(' ').Append(unit).Append('\n');
        }
    }

    private void Sample(string name, double value, params (string Name, string Value)[] labels)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').AppendJoin(',', labels.Select(l => $"{l.Name}=\"{ReportText.Label(l.Value)}\"")).Append('}');
        }

        text.Append(' ').Append(Format(value)).Append('\n');
    }

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Phase(PerfPhase phase) => phase == PerfPhase.Cold ? "cold" : "warm";

    private static string Verdict(PerfVerdict verdict) => verdict switch
    {
        PerfVerdict.Pass => "pass",
        PerfVerdict.Fail => "fail",
        _ => "inconclusive",
    };
}
