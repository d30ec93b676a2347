using Hologram.Testing.Cli.Tests.Reporting;

namespace Hologram.Testing.Cli.Tests.Commands;

/// <summary>The annotations <c>perf check</c>, <c>summary</c> and <c>doctor</c> write under GitHub Actions and Azure Pipelines, and only there.</summary>
public sealed class CiAnnotationCommandTests
{
    [Fact]
    public void Perf_check_annotates_a_budget_breach_at_its_line_in_hologram_json()
    {
        using var cli = new CliRun();
        cli.WriteConfig("""
            {
              "Hologram": {
                "Profile": "main",
                "Budgets": {
                  "verify": { "P95Ms": 8 }
                }
              }
            }
            """);
        PerfCommandTests.Measured(cli, "verify", 9, run: "r1");
        cli.Environment["GITHUB_ACTIONS"] = "true";

        Assert.Equal(1, cli.Run("perf", "check"));

        var annotation = Assert.Single(cli.OutLines, l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.StartsWith("::error file=hologram.json,line=5,title=perf budget breached%3A verify::verify p95 = ", annotation, StringComparison.Ordinal);
        Assert.EndsWith("> budget 8 ms [profile main, n=300]", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public void Perf_check_annotates_a_breach_not_yet_failing_as_a_warning_without_a_file_when_the_budget_is_built_in()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        cli.Environment["TF_BUILD"] = "True";
        PerfCommandTests.Measured(cli, "verify", 9, run: "r1");

        Assert.Equal(0, cli.Run("perf", "check", "--consecutive", "2"));

        var annotation = Assert.Single(cli.OutLines, l => l.StartsWith("##vso", StringComparison.Ordinal));
        Assert.StartsWith("##vso[task.logissue type=warning]perf budget breached: verify (1 of 2 runs): verify p95 = ", annotation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CI=true")]
    [InlineData("GITHUB_ACTIONS=true", "HOLOGRAM_ANNOTATIONS=off")]
    public void Perf_check_writes_no_annotation_outside_github_and_azure_or_when_turned_off(params string[] variables)
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        foreach (var v in variables)
        {
            cli.Environment[v.Split('=')[0]] = v.Split('=')[1];
        }

        PerfCommandTests.Measured(cli, "verify", 9, run: "r1");

        Assert.Equal(1, cli.Run("perf", "check"));
        Assert.DoesNotContain("::error", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("##vso", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_annotation_switch_is_one_line_and_exit_2()
    {
        using var cli = new CliRun();
        cli.Environment["GITHUB_ACTIONS"] = "true";
        cli.Environment["HOLOGRAM_ANNOTATIONS"] = "loud";

        Assert.Equal(2, cli.Run("perf", "check"));

        Assert.Equal("hologram: HOLOGRAM_ANNOTATIONS='loud' is not valid: use off to turn CI annotations off, or auto (the default) to write them under GitHub Actions and Azure Pipelines", cli.Error.TrimEnd());
    }

    [Fact]
    public async Task Summary_annotates_failed_tests_quarantined_failures_and_quarantine_changes_on_github()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        var file = Path.Combine(fixture.Root, "step-summary.md");
        fixture.Environment["GITHUB_ACTIONS"] = "true";
        fixture.Environment["GITHUB_STEP_SUMMARY"] = file;

        Assert.Equal(0, fixture.Run("summary"));

        var annotations = fixture.Out.Split('\n').Where(l => l.StartsWith("::", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            [
                "::error title=test failed%3A App.Tests.Payments.Refund::Assert.Equal() Failure%0AExpected: 200%0AActual:   502 (gateway sandbox)%0A(attempt 1)",
                "::warning title=quarantined test failed (reported as skipped)%3A App.Tests.Upload.Resumes::connection reset by peer%0A(attempt 1)",
                "::warning title=quarantined%3A App.Tests.Search.Ranks_exact_first::quarantined by policy: 2 flakes in 7 days",
            ],
            annotations);
        Assert.DoesNotContain("::", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_printed_to_standard_output_keeps_its_annotations_on_standard_error()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);
        fixture.Environment["TF_BUILD"] = "True";

        Assert.Equal(0, fixture.Run("summary"));

        Assert.DoesNotContain("##vso", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("##vso[task.logissue type=error]test failed: App.Tests.Payments.Refund: Assert.Equal() Failure%0AExpected: 200", fixture.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summary_outside_ci_writes_no_annotation()
    {
        using var fixture = await ReportFixture.CreateAsync(perf: false, chaos: false, e2e: false);

        Assert.Equal(0, fixture.Run("summary"));

        Assert.DoesNotContain("::error", fixture.Out + fixture.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("##vso", fixture.Out + fixture.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_annotates_each_failed_check_with_its_fix()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        fixture.Environment["GITHUB_ACTIONS"] = "true";
        fixture.Environment["IPFS_API"] = "http://127.0.0.1:1";

        Assert.Equal(1, fixture.Run("doctor", "--service", "IPFS_API"));

        var annotation = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal));
        Assert.StartsWith("::error title=hologram doctor%3A service IPFS_API::", annotation, StringComparison.Ordinal);
        Assert.Contains("%0Afix: start it, or correct Services:IPFS_API", annotation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_points_a_bad_hologram_json_value_at_its_line()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        await File.WriteAllTextAsync(Path.Combine(fixture.Root, "hologram.json"), """
            {
              "Hologram": {
                "Retries": "many"
              }
            }
            """);
        fixture.Environment["TF_BUILD"] = "True";

        Assert.Equal(1, fixture.Run("doctor"));

        var annotation = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("##vso", StringComparison.Ordinal) && l.Contains("doctor: configuration:", StringComparison.Ordinal));
        Assert.StartsWith($"##vso[task.logissue type=error;sourcepath={Path.Combine(fixture.Root, "hologram.json")};linenumber=3]hologram doctor: configuration: ", annotation, StringComparison.Ordinal);
    }
}
