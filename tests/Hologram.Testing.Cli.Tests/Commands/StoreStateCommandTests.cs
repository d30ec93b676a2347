using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

/// <summary>
/// What <c>report</c>, <c>summary</c>, <c>badge</c>, <c>metrics</c> and <c>doctor</c> say about a store they cannot read
/// and about a run that never ended: never green.
/// </summary>
public sealed class StoreStateCommandTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_corrupt_store_gives_status_unknown_and_exit_1_never_green(bool header)
    {
        using var fixture = await ReportFixture.CreateAsync();
        fixture.CorruptStore(header);

        Assert.Equal(1, fixture.Run("summary"));
        Assert.StartsWith("## ❓ Tests: status unknown", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Tests passing", fixture.Out, StringComparison.Ordinal);
        OneErrorLine(fixture, "the status is unknown");

        Assert.Equal(1, fixture.Run("badge", "json"));
        Assert.Contains("\"message\": \"unknown\"", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("\"color\": \"lightgrey\"", fixture.Out, StringComparison.Ordinal);
        OneErrorLine(fixture, "the status is unknown");

        Assert.Equal(1, fixture.Run("metrics"));
        Assert.Contains("hologram_history_store_readable 0\n", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hologram_runs_total", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hologram_tests_total", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hologram_last_run_status", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("hologram_perf_p95_seconds", fixture.Out, StringComparison.Ordinal);

        Assert.Equal(1, fixture.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        Assert.Contains("<span class=\"status muted\">unknown</span>", html, StringComparison.Ordinal);
        OneErrorLine(fixture, "the status is unknown");
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("report")]
    [InlineData("badge", "json")]
    [InlineData("metrics")]
    public async Task An_unparsable_store_setting_is_bad_input_in_one_line(params string[] args)
    {
        using var fixture = await ReportFixture.CreateAsync();
        fixture.Environment["HOLOGRAM_STORE"] = "bogus://x";

        Assert.Equal(2, fixture.Run(args));

        Assert.Equal(string.Empty, fixture.Out);
        var line = Assert.Single(fixture.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hologram: HOLOGRAM_STORE='bogus://x' (environment variable HOLOGRAM_STORE) is neither", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("summary")]
    [InlineData("report")]
    [InlineData("badge", "json")]
    [InlineData("metrics")]
    [InlineData("doctor")]
    public void A_directory_where_the_sqlite_file_should_be_is_unreadable_not_an_absent_store(params string[] args)
    {
        using var cli = new CliRun();
        Directory.CreateDirectory(Path.Combine(cli.Root, "store-dir"));
        cli.Environment["HOLOGRAM_STORE"] = "sqlite:store-dir";

        Assert.Equal(1, cli.Run(args));

        Assert.DoesNotContain("No history store at", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("passing", cli.Out, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("store-dir", cli.Error + cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_an_end_is_incomplete_in_summary_badge_metrics_report_and_doctor()
    {
        using var fixture = await ReportFixture.CreateAsync();
        await fixture.AddCrashedBuildAsync();

        Assert.Equal(0, fixture.Run("summary"));
        Assert.StartsWith("## ❌ Tests incomplete: a test run has no end", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("**Incomplete:** 1 of 1 run has no end time: the test host crashed", fixture.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("passing", fixture.Out, StringComparison.Ordinal);

        Assert.Equal(0, fixture.Run("badge", "json"));
        Assert.Contains("\"message\": \"incomplete 100%\"", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("\"color\": \"orange\"", fixture.Out, StringComparison.Ordinal);

        Assert.Equal(0, fixture.Run("metrics"));
        var lines = fixture.Out.Split('\n');
        Assert.Contains("hologram_last_run_status{status=\"incomplete\"} 1", lines);
        Assert.Contains("hologram_last_run_status{status=\"passing\"} 0", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("hologram_last_run_duration_seconds ", StringComparison.Ordinal));

        Assert.Equal(0, fixture.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        Assert.Contains("<span class=\"status bad\">incomplete</span>", html, StringComparison.Ordinal);
        Assert.Contains("Incomplete: 1 of 1 run has no end time", html, StringComparison.Ordinal);

        fixture.Run("doctor");
        var store = Assert.Single(fixture.Out.Split('\n'), l => l.Contains("history store:", StringComparison.Ordinal));
        Assert.StartsWith("! history store: ", store, StringComparison.Ordinal);
        Assert.Contains("incomplete: it has no end time (its test host crashed", store, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_out_on_a_full_disk_keeps_the_file_as_it_was_and_leaves_nothing_behind()
    {
        using var fixture = await ReportFixture.CreateAsync();
        var file = Path.Combine(fixture.Root, "out", "summary.md");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, "## Build\n\nok\n");
        fixture.FileStreams = stream => new FullDiskStream(stream, 100);

        Assert.Equal(2, fixture.Run("summary", "--out", file));

        Assert.Equal("## Build\n\nok\n", await File.ReadAllTextAsync(file));
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
        OneErrorLine(fixture, "No space left on device");

        // A new file is not created empty either.
        var fresh = Path.Combine(fixture.Root, "out", "fresh.md");
        Assert.Equal(2, fixture.Run("summary", "--out", fresh));
        Assert.False(File.Exists(fresh));
        Assert.Equal([file], Directory.GetFiles(Path.GetDirectoryName(file)!));
    }

    [Fact]
    public async Task Doctor_on_a_full_disk_fails_the_reports_check_and_leaves_no_probe_file()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        Directory.CreateDirectory(fixture.Reports);
        fixture.FileStreams = stream => new FullDiskStream(stream, 0);

        Assert.Equal(1, fixture.Run("doctor"));

        Assert.Contains(fixture.Out.Split('\n'), l => l.StartsWith("✗ reports directory: ", StringComparison.Ordinal) && l.Contains("No space left on device", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(fixture.Reports, "*", SearchOption.AllDirectories));
    }

    private static void OneErrorLine(ReportFixture fixture, string contains)
    {
        var line = Assert.Single(fixture.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("hologram: ", line, StringComparison.Ordinal);
        Assert.Contains(contains, line, StringComparison.Ordinal);
    }
}
