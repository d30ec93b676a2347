using Hologram.Testing.E2E;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;
using Xunit;
using Hologram.Testing.Configuration;

namespace Hologram.Testing.Tests.Reports;

/// <summary>The file names are a contract (CI scripts read them): this test fails when one changes.</summary>
public sealed class ReportsLayoutTests
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "repo", "reports");
    private readonly ReportsLayout _layout = new(Root);

    private static string At(params string[] parts) => Path.Combine([Root, .. parts]);

    [Fact]
    public void Every_path_is_where_it_has_always_been()
    {
        Assert.Equal(Root, _layout.Directory);
        Assert.Equal(At("hologram.db"), _layout.StoreFile);
        Assert.Equal(At("spool"), _layout.SpoolDirectory);
        Assert.Equal(At("spool", "run-42.jsonl"), _layout.SpoolFile("run-42"));
        Assert.Equal(At("perf"), _layout.PerfDirectory);
        Assert.Equal(At("perf", "samples"), _layout.PerfSamplesDirectory);
        Assert.Equal(At("perf", "baseline.json"), _layout.PerfBaseline);
        Assert.Equal(At("perf", "cache_profiles.json"), _layout.PerfCacheProfiles);
        Assert.Equal(At("perf", "benchmarkdotnet"), _layout.PerfBenchmarkDotNetDirectory);
        Assert.Equal(At("perf", "verify.csv"), _layout.PerfCsv("verify"));
        Assert.Equal(At("perf", "samples", "verify.json"), _layout.PerfSamples("verify"));
        Assert.Equal(At("perf", "samples", "verify.cold.json"), _layout.PerfSamples("verify", cold: true));
        Assert.Equal(At("chaos"), _layout.ChaosDirectory);
        Assert.Equal(At("chaos", "store-kill.json"), _layout.ChaosReport("store-kill"));
        Assert.Equal(At("chaos", "api.log"), _layout.ChaosLog("api"));
        Assert.Equal(At("e2e"), _layout.E2EDirectory);
        Assert.Equal(At("e2e", "events.jsonl"), _layout.E2EEvents);
        Assert.Equal(At("shard_plan.json"), _layout.ShardPlan);
        Assert.Equal(At("index.html"), _layout.IndexHtml);
        Assert.Equal(At("flake_database.json"), _layout.FlakeDatabase);
        Assert.Equal(At("quarantined_tests.json"), _layout.QuarantinedTests);
    }

    [Fact]
    public void The_older_names_agree_with_the_layout()
    {
        Assert.Equal(ReportsLayout.ShardPlanFileName, ShardPlan.FileName);
        Assert.Equal(ReportsLayout.E2EEventsFileName, E2EEventLog.FileName);
        Assert.Equal($"sqlite:{BuiltInProfiles.DefaultReportsDir}/{ReportsLayout.StoreFileName}", BuiltInProfiles.DefaultStore);
    }

    [Theory]
    [InlineData("verify", "verify")]
    [InlineData(" gql query/p95 ", "gql_query_p95")]
    [InlineData("a.b-c_d", "a.b-c_d")]
    [InlineData("   ", "_")]
    public void Perf_names_keep_letters_digits_dots_dashes_and_underscores(string name, string file) =>
        Assert.Equal(file, ReportsLayout.PerfFileName(name));

    [Theory]
    [InlineData("store kill", "store-kill")]
    [InlineData("a/b", "a-b")]
    [InlineData("", "unnamed")]
    public void Chaos_names_replace_whitespace_and_invalid_characters_with_dashes(string name, string file)
    {
        Assert.Equal(file + ".json", ReportsLayout.ChaosReportFileName(name));
        Assert.Equal(file + ".log", ReportsLayout.ChaosLogFileName(name));
    }

    [Theory]
    [InlineData("run-1", "run-1.jsonl")]
    [InlineData("gh:123/4", "gh_123_4.jsonl")]
    public void Spool_files_are_named_after_the_run(string runId, string file) =>
        Assert.Equal(At("spool", file), _layout.SpoolFile(runId));

    [Fact]
    public void The_options_reports_directory_is_used()
    {
        var options = HologramConfiguration.Load(new HologramConfigurationSource
        {
            StartDirectory = Path.GetTempPath(),
            EnvironmentVariables = new Dictionary<string, string?> { ["HOLOGRAM_REPORTS_DIR"] = Root },
        });

        Assert.Equal(Root, ReportsLayout.For(options).Directory);
    }

    [Fact]
    public void Options_without_a_reports_directory_use_reports_under_the_repository_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "repo");

        Assert.Equal(Path.Combine(root, "reports"), ReportsLayout.For(new HologramOptions { RepositoryRoot = root }).Directory);
    }
}
