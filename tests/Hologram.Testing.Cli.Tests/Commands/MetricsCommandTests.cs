using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class MetricsCommandTests
{
    [Fact]
    public async Task Prometheus_text_uses_counters_for_totals_and_gauges_for_the_latest_run()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("metrics"));

        var lines = fixture.Out.Split('\n');
        Assert.Contains("# TYPE hologram_tests_total counter", lines);
        Assert.Contains("hologram_tests_total{outcome=\"passed\"} 22", lines);
        Assert.Contains("hologram_tests_total{outcome=\"failed\"} 3", lines);
        Assert.Contains("hologram_runs_total 10", lines);
        Assert.Contains("# TYPE hologram_last_run_tests gauge", lines);
        Assert.Contains("hologram_last_run_tests{outcome=\"failed\"} 1", lines);
        Assert.Contains("hologram_last_run_status{status=\"failing\"} 1", lines);
        Assert.Contains("hologram_quarantined_tests 2", lines);
        Assert.Contains(lines, l => l.StartsWith("hologram_perf_p95_seconds{name=\"verify\",phase=\"warm\"} 0.00", StringComparison.Ordinal));
        Assert.Contains("hologram_perf_budget_seconds{name=\"verify\"} 0.008", lines);
        Assert.Contains("hologram_chaos_passed{experiment=\"market-partition\"} 0", lines);
        Assert.Contains("hologram_chaos_success_ratio{experiment=\"store-kill\"} 0.991555", lines);
        Assert.Contains("hologram_e2e_step_failures{step=\"search\"} 1", lines);
        Assert.DoesNotContain("# EOF", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Length > 0 && !l.StartsWith('#') && !System.Text.RegularExpressions.Regex.IsMatch(l, "^[a-z_][a-z0-9_]*(\\{[^}]*\\})? [-+0-9.eE]+(Inf)?$"));
    }

    [Fact]
    public async Task OpenMetrics_names_counter_families_without_total_and_ends_with_EOF()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("metrics", "--format", "openmetrics", "--out", "reports/metrics/hologram.prom"));

        var text = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "metrics", "hologram.prom"));
        Assert.Contains("# TYPE hologram_tests counter\n", text, StringComparison.Ordinal);
        Assert.Contains("# UNIT hologram_perf_p95_seconds seconds\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\n# EOF\n", text, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.Combine(fixture.Reports, "metrics"), "*.tmp"));
    }
}
