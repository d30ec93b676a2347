using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.History;
using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class SummaryCommandTests
{
    [Fact]
    public async Task Markdown_summary_matches_the_golden_file()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("summary"));

        Assert.DoesNotContain(ReportFixture.Secret, fixture.Out, StringComparison.Ordinal);
        Golden.Verify("summary.md", fixture.Normalize(fixture.Out));
    }

    [Fact]
    public async Task Appends_to_the_step_summary_file_when_GITHUB_STEP_SUMMARY_is_set()
    {
        using var fixture = await ReportFixture.CreateAsync();
        var file = Path.Combine(fixture.Root, "step-summary.md");
        await File.WriteAllTextAsync(file, "## Build\n\nok\n");
        fixture.Environment["GITHUB_STEP_SUMMARY"] = file;

        Assert.Equal(0, fixture.Run("summary"));

        Assert.StartsWith($"Summary appended to {file} (", fixture.Out, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("## Build\n\nok\n\n## ❌ Tests failing", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_history_the_summary_says_so()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        Assert.Equal(0, fixture.Run("summary"));
        Assert.StartsWith("## Tests: no run recorded\n\n_No history store at ", fixture.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_summary_is_cut_to_the_cap_and_keeps_the_totals()
    {
        var run = new RunInfo { RunId = "r1", Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "A.Tests", StartedAt = ReportFixture.Now, EndedAt = ReportFixture.Now.AddMinutes(1) };
        var failures = Enumerable.Range(0, 5000).Select(i => new TestAttempt
        {
            RunId = "r1", TestId = $"A.Tests.T{i:D5}", DisplayName = "t", ClassName = "A.Tests", Attempt = 1, Outcome = TestOutcome.Failed, DurationMs = 1, IsFinal = true,
            ErrorMessage = new string('x', 2000), FinishedAt = ReportFixture.Now,
        }).ToList();
        var totals = new RunTotals { Run = run, Passed = 10, Failed = 5000, Skipped = 0, PassedOnRetry = 0, QuarantinedFailures = 0, Attempts = 5010, TestDurationMs = 5010 };
        var data = new ReportData
        {
            GeneratedAt = ReportFixture.Now, Profile = "pr", ReportsDir = "/r",
            History = new HistorySection { Latest = new BuildTotals { Runs = [totals] }, Failures = failures, WindowDays = 7 },
            Perf = new PerfSection { Missing = "no perf" }, Chaos = new ChaosSection { Missing = "no chaos" }, E2E = new E2ESection { Missing = "no e2e" },
        };

        var markdown = MarkdownSummary.Render(data, 16 * 1024);

        Assert.True(System.Text.Encoding.UTF8.GetByteCount(markdown) <= 16 * 1024, $"{markdown.Length} bytes");
        Assert.Contains("**5,010 tests**: 10 passed, 5,000 failed", markdown, StringComparison.Ordinal);
        Assert.Contains("### Failures (5,000)", markdown, StringComparison.Ordinal);
        Assert.Contains("Summary cut at 16 KiB", markdown, StringComparison.Ordinal);
    }
}
