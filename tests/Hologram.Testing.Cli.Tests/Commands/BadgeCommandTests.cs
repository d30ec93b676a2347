using System.Text.Json;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.History;
using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class BadgeCommandTests
{
    [Fact]
    public async Task Json_is_a_shields_endpoint_and_matches_the_golden_file()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("badge", "json"));

        Golden.Verify("badge.json", fixture.Out);
        using var document = JsonDocument.Parse(fixture.Out);
        Assert.Equal(["schemaVersion", "label", "message", "color"], document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
    }

    [Fact]
    public async Task Svg_matches_the_golden_file_and_is_written_with_out()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("badge", "svg", "--out", "reports/badge.svg"));

        var svg = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "badge.svg"));
        Golden.Verify("badge.svg", svg);
        Assert.StartsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title>tests: failing 60%</title>", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markdown_and_html_point_at_shields_reading_the_published_json()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("badge", "markdown", "--endpoint", "https://org.example.test/app/badge.json", "--link", "https://org.example.test/app/"));
        Assert.Equal(
            "[![tests: failing 60%](https://img.shields.io/endpoint?url=https%3A%2F%2Forg.example.test%2Fapp%2Fbadge.json)](https://org.example.test/app/)\n",
            fixture.Out);

        Assert.Equal(0, fixture.Run("badge", "html"));
        Assert.Equal("<img alt=\"tests: failing 60%\" src=\"https://img.shields.io/badge/tests-failing%2060%25-red\">\n", fixture.Out);
    }

    [Fact]
    public async Task Bad_input_is_one_line_and_exit_2()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        Assert.Equal(2, fixture.Run("badge", "png"));
        Assert.StartsWith("hologram: Argument 'png' not recognized", fixture.Error, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Run("badge", "markdown", "--link", "not a url"));
        Assert.Equal("hologram: --link must be an http(s) URL, got 'not a url'", fixture.Error.Trim());
    }

    [Theory]
    [InlineData(10, 0, 0, 0, "passing 100%", "brightgreen")]
    [InlineData(10, 0, 2, 0, "flaky 100%", "yellow")]
    [InlineData(9, 1, 0, 1, "flaky 90%", "yellow")]
    [InlineData(9, 1, 0, 0, "failing 90%", "red")]
    [InlineData(10, 0, 0, 0, "incomplete 100%", "orange", false)]
    [InlineData(9, 1, 0, 0, "incomplete 90%", "orange", false)]
    public void Status_follows_failures_retries_quarantine_and_a_missing_end(int passed, int failed, int retried, int quarantined, string message, string color, bool ended = true)
    {
        var run = new RunInfo { RunId = "r", Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "A", StartedAt = ReportFixture.Now, EndedAt = ended ? ReportFixture.Now.AddMinutes(1) : null };
        var build = new BuildTotals { Runs = [new RunTotals { Run = run, Passed = passed, Failed = failed, Skipped = 0, PassedOnRetry = retried, QuarantinedFailures = quarantined, Attempts = 10, TestDurationMs = 1 }] };
        var badge = StatusBadge.For(build);
        Assert.Equal((message, color), (badge.Message, badge.Color));
        Assert.Equal(("no runs", "lightgrey"), (StatusBadge.For((BuildTotals?)null).Message, StatusBadge.For((BuildTotals?)null).Color));
    }
}
