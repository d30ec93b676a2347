using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class ReportCommandTests
{
    [Fact]
    public async Task Writes_one_self_contained_page_with_every_section()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("report"));

        var path = Path.Combine(fixture.Reports, "index.html");
        Assert.StartsWith($"Report: {path} (", fixture.Out, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(path);
        foreach (var (id, title) in HtmlReport.Sections)
        {
            Assert.Contains($"<section id=\"{id}\"><h2>{title}</h2>", html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("class=\"missing\"", html, StringComparison.Ordinal);
        Assert.Contains("prefers-color-scheme:dark", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shows_the_latest_build_the_trend_flakes_perf_chaos_and_e2e()
    {
        using var fixture = await ReportFixture.CreateAsync();
        Assert.Equal(0, fixture.Run("report", "--out", "out/report.html"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Root, "out", "report.html"));

        Assert.Contains("Hologram test report <span class=\"status bad\">failing</span>", html, StringComparison.Ordinal);
        Assert.Contains("App.Tests.Payments.Refund", html, StringComparison.Ordinal);
        Assert.Contains("Expected: 200", html, StringComparison.Ordinal);
        Assert.Contains("1 &#183; quarantined", html, StringComparison.Ordinal);
        Assert.Contains("The last 5 builds (10 runs)", html, StringComparison.Ordinal);
        Assert.Equal(5, CountOf(html, "<g class=\"bar\">"));
        Assert.Contains("flaky upstream, issue #42", html, StringComparison.Ordinal);
        Assert.Contains("run-5-2", html, StringComparison.Ordinal);
        Assert.Contains("budget 8 ms", html, StringComparison.Ordinal);
        Assert.Contains("lookup (cold)", html, StringComparison.Ordinal);
        Assert.Contains("no budget defined (Budgets:lookup:P95Ms)", html, StringComparison.Ordinal);
        Assert.Contains("baseline FAIL", html, StringComparison.Ordinal);
        Assert.Contains("market-partition", html, StringComparison.Ordinal);
        Assert.Contains("knee at concurrency 4", html, StringComparison.Ordinal);
        Assert.Contains("Latest run e2e-run-2", html, StringComparison.Ordinal);
        Assert.Contains("<title>", html[html.IndexOf("<svg", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_in_any_source_are_redacted_before_encoding()
    {
        Assert.True(Hologram.Testing.Security.SecretRedactor.Default.ContainsSecret(ReportFixture.Secret));
        using var fixture = await ReportFixture.CreateAsync();
        Assert.Equal(0, fixture.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));

        Assert.DoesNotContain(ReportFixture.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportFixture.Secret[4..], html, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_absent_source_says_what_is_missing_and_how_to_produce_it()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);

        Assert.Equal(0, fixture.Run("report"));

        Assert.Contains("no history, perf, chaos, E2E data", fixture.Out, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fixture.Reports, "hologram.db")), "a report must not create the store");
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        Assert.Contains("No history store at", html, StringComparison.Ordinal);
        Assert.Contains("Run the tests with Hologram.Testing.Xunit", html, StringComparison.Ordinal);
        Assert.Contains("No perf records in", html, StringComparison.Ordinal);
        Assert.Contains("No chaos reports under", html, StringComparison.Ordinal);
        Assert.Contains("No E2E event log at", html, StringComparison.Ordinal);
        foreach (var (id, _) in HtmlReport.Sections)
        {
            Assert.Contains($"<section id=\"{id}\">", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_store_is_shown_in_the_page_and_the_rest_is_still_rendered()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false);
        fixture.Environment["HOLOGRAM_STORE"] = "Host=127.0.0.1;Port=1;Username=ci;Password=hunter2hunter2;Database=hologram;Timeout=2";

        Assert.Equal(1, fixture.Run("report"));

        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        Assert.Contains("could not be opened", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status muted\">unknown</span>", html, StringComparison.Ordinal);
        Assert.StartsWith("hologram: The history store postgresql://ci@127.0.0.1:1/hologram could not be opened", fixture.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2hunter2", html, StringComparison.Ordinal);
        Assert.Contains("store-kill", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs must be at least 1, got 0")]
    [InlineData("--days", "0", "--days must be at least 1, got 0")]
    public async Task Bad_options_are_one_line_and_exit_2(string option, string value, string message)
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        Assert.Equal(2, fixture.Run("report", option, value));
        Assert.Equal($"hologram: {message}", fixture.Error.Trim());
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
