using Xunit;

namespace Hologram.Testing.Tests.Configuration;

public sealed class HologramConfigurationTests
{
    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    [Theory]
    [InlineData("pr", 15, 150, 150, 20, 3, 1, true, 2)]
    [InlineData("main", 8, 80, 80, 100, 10, 4, true, 2)]
    [InlineData("nightly", 10, 100, 100, 100, 10, 4, false, 2)]
    [InlineData("dev", 50, 500, 500, 20, 3, 1, false, 0)]
    public void Built_in_profiles_have_their_defaults(string profile, double verify, double encode, double gql, int samples, int warmup, double payloadMb, bool skipNoCi, int retries)
    {
        using var repo = new TempRepository();
        var options = repo.Load(Env(("HOLOGRAM_PROFILE", profile)));

        Assert.Equal(profile, options.Profile);
        Assert.Equal(verify, options.Budgets["verify"].P95Ms);
        Assert.Equal(encode, options.Budgets["encode"].P95Ms);
        Assert.Equal(gql, options.Budgets["gql"].P95Ms);
        Assert.Equal(samples, options.Perf.Samples);
        Assert.Equal(warmup, options.Perf.Warmup);
        Assert.Equal(payloadMb, options.Perf.PayloadMb);
        Assert.Equal(10, options.Perf.RegressionThresholdPct);
        Assert.Equal(skipNoCi, options.SkipNoCi);
        Assert.Equal(retries, options.Retries);
    }

    [Fact]
    public void Shared_defaults_apply_without_any_configuration()
    {
        using var repo = new TempRepository();
        var options = repo.Load();

        Assert.Equal("dev", options.Profile);
        Assert.Equal(repo.Root, options.RepositoryRoot);
        Assert.Null(options.ConfigFile);
        Assert.Equal(Path.Combine(repo.Root, "reports"), options.ReportsDir);
        Assert.Equal("sqlite:reports/hologram.db", options.Store);
        Assert.Equal(TimeSpan.FromMilliseconds(500), options.ServiceConnectTimeout);
        Assert.Equal(7, options.Flake.WindowDays);
        Assert.Equal(2, options.Flake.QuarantineAfter);
        Assert.Equal(10, options.Flake.ReleaseAfter);
        Assert.Null(options.Shard);
        Assert.Empty(options.Services);
    }

    [Theory]
    [InlineData("true", "pr")]
    [InlineData("TRUE", "pr")]
    [InlineData("1", "pr")]
    [InlineData("false", "dev")]
    [InlineData("", "dev")]
    public void CI_selects_pr_when_no_profile_is_given(string ci, string expected)
    {
        using var repo = new TempRepository();
        Assert.Equal(expected, repo.Load(Env(("CI", ci))).Profile);
    }

    [Fact]
    public void Explicit_profile_beats_CI_and_is_lower_cased()
    {
        using var repo = new TempRepository();
        Assert.Equal("nightly", repo.Load(Env(("CI", "true"), ("HOLOGRAM_PROFILE", "Nightly"))).Profile);
    }

    [Fact]
    public void Precedence_is_defaults_then_file_then_seed_env_then_HOLOGRAM_env()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""
            { "Hologram": { "Profile": "main", "Retries": 1, "Budgets": { "verify": { "P95Ms": 12 }, "encode": { "P95Ms": 70 } },
              "Perf": { "Samples": 50, "Warmup": 5 } } }
            """);

        var fileOnly = repo.Load();
        Assert.Equal("main", fileOnly.Profile);
        Assert.Equal(1, fileOnly.Retries);
        Assert.Equal(12, fileOnly.Budgets["verify"].P95Ms);
        Assert.Equal(80, fileOnly.Budgets["gql"].P95Ms);
        Assert.Equal(50, fileOnly.Perf.Samples);

        var seed = repo.Load(Env(("SLO_VERIFY_P95_MS", "20"), ("GQL_SAMPLES", "60"), ("HOLOGRAM_PROFILE", "nightly")));
        Assert.Equal("nightly", seed.Profile);
        Assert.Equal(20, seed.Budgets["verify"].P95Ms);
        Assert.Equal(70, seed.Budgets["encode"].P95Ms);
        Assert.Equal(100, seed.Budgets["gql"].P95Ms);
        Assert.Equal(60, seed.Perf.Samples);
        Assert.Equal(5, seed.Perf.Warmup);

        var top = repo.Load(Env(
            ("SLO_VERIFY_P95_MS", "20"), ("HOLOGRAM__BUDGETS__VERIFY__P95MS", "30"),
            ("GQL_SAMPLES", "60"), ("hologram__perf__samples", "70"),
            ("HOLOGRAM_PROFILE", "nightly"), ("HOLOGRAM__PROFILE", "pr"),
            ("HOLOGRAM__RETRIES", "3"), ("HOLOGRAM__FLAKE__WINDOWDAYS", "14")));
        Assert.Equal("pr", top.Profile);
        Assert.Equal(30, top.Budgets["verify"].P95Ms);
        Assert.Equal(70, top.Perf.Samples);
        Assert.Equal(3, top.Retries);
        Assert.Equal(14, top.Flake.WindowDays);
    }

    [Fact]
    public void Provenance_names_the_winning_origin()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""{ "Hologram": { "Retries": 1 } }""");
        var options = repo.Load(Env(("SLO_VERIFY_P95_MS", "20"), ("HOLOGRAM_PROFILE", "main")));

        var origins = options.Provenance.ToDictionary(v => v.Key, v => v.Origin);
        Assert.Equal("environment variable HOLOGRAM_PROFILE", origins["Profile"]);
        Assert.Equal(file, origins["Retries"]);
        Assert.Equal("environment variable SLO_VERIFY_P95_MS", origins["Budgets:verify:P95Ms"]);
        Assert.Equal("profile 'main' defaults", origins["Budgets:gql:P95Ms"]);
    }

    [Fact]
    public void Seed_environment_names_map_to_their_keys()
    {
        using var repo = new TempRepository();
        var options = repo.Load(Env(
            ("HOLOGRAM_REPORTS_DIR", "out/reports"),
            ("HOLOGRAM_STORE", "postgres://user@db/hologram"),
            ("HOLOGRAM_SHARD", "2/3"),
            ("SLO_GQL_P95_MS", "99.5"),
            ("SLO_MY_OP_P95_MS", "7"),
            ("GQL_WARMUP", "4"),
            ("ENC_MB", "2"),
            ("REGRESSION_THRESHOLD_PCT", "12.5"),
            ("IPFS_API", "http://127.0.0.1:5001"),
            ("GRAPHQL_URL", "localhost:8080")));

        Assert.Equal(Path.Combine(repo.Root, "out", "reports"), options.ReportsDir);
        Assert.Equal("postgres://user@db/hologram", options.Store);
        Assert.Equal(new ShardSpec(2, 3), options.Shard);
        Assert.Equal(99.5, options.Budgets["gql"].P95Ms);
        Assert.Equal(7, options.Budgets["my_op"].P95Ms);
        Assert.Equal(7, options.Budgets["MY_OP"].P95Ms);
        Assert.Equal(4, options.Perf.Warmup);
        Assert.Equal(2, options.Perf.PayloadMb);
        Assert.Equal(12.5, options.Perf.RegressionThresholdPct);
        Assert.Equal("http://127.0.0.1:5001", options.Services["ipfs_api"]);
        Assert.Equal("localhost:8080", options.Services["GRAPHQL_URL"]);
    }

    [Fact]
    public void Empty_environment_values_count_as_unset()
    {
        using var repo = new TempRepository();
        var options = repo.Load(Env(("HOLOGRAM_PROFILE", ""), ("SLO_VERIFY_P95_MS", " "), ("IPFS_API", ""), ("HOLOGRAM__RETRIES", "")));
        Assert.Equal("dev", options.Profile);
        Assert.Equal(50, options.Budgets["verify"].P95Ms);
        Assert.Empty(options.Services);
        Assert.Equal(0, options.Retries);
    }

    [Fact]
    public void Absolute_reports_dir_is_kept()
    {
        using var repo = new TempRepository();
        var elsewhere = Path.Combine(Path.GetTempPath(), "elsewhere-reports");
        Assert.Equal(elsewhere, repo.Load(Env(("HOLOGRAM_REPORTS_DIR", elsewhere))).ReportsDir);
    }

    [Fact]
    public void TryGetService_prefers_configured_services_then_the_raw_environment()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Services": { "IPFS_API": "http://10.0.0.1:5001" } } }""");
        var options = repo.Load(Env(("REDIS_URL", "localhost:6379"), ("EMPTY_SERVICE", "")));

        Assert.True(options.TryGetService("ipfs_api", out var ipfs));
        Assert.Equal("http://10.0.0.1:5001", ipfs);
        Assert.True(options.TryGetService("REDIS_URL", out var redis));
        Assert.Equal("localhost:6379", redis);
        Assert.False(options.TryGetService("EMPTY_SERVICE", out var empty));
        Assert.Equal(string.Empty, empty);
        Assert.False(options.TryGetService("MISSING", out _));
    }

    [Fact]
    public void Walks_up_from_a_nested_directory_to_find_the_file_and_repository_root()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""{ "Hologram": { "Retries": 5 } }""");
        var nested = repo.Nested("tests", "Project", "bin", "Debug", "net10.0");

        var options = repo.Load(startDirectory: nested);

        Assert.Equal(file, options.ConfigFile);
        Assert.Equal(repo.Root, options.RepositoryRoot);
        Assert.Equal(5, options.Retries);
        Assert.Equal(Path.Combine(repo.Root, "reports"), options.ReportsDir);
    }

    [Fact]
    public void The_nearest_file_wins()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Retries": 5 } }""");
        var project = repo.Nested("tests", "Project");
        var nearest = repo.WriteConfig("""{ "Hologram": { "Retries": 4 } }""", project);

        var options = repo.Load(startDirectory: repo.Nested("tests", "Project", "bin"));

        Assert.Equal(nearest, options.ConfigFile);
        Assert.Equal(4, options.Retries);
    }

    [Fact]
    public void The_walk_stops_at_the_repository_root()
    {
        using var outer = new TempRepository(markAsRepository: false);
        outer.WriteConfig("""{ "Hologram": { "Retries": 9 } }""");
        var inner = outer.Nested("repo");
        Directory.CreateDirectory(Path.Combine(inner, ".git"));
        var start = outer.Nested("repo", "src");

        var options = outer.Load(startDirectory: start);

        Assert.Null(options.ConfigFile);
        Assert.Equal(inner, options.RepositoryRoot);
        Assert.Equal(0, options.Retries);
    }

    [Fact]
    public void A_git_file_marks_the_repository_root_too()
    {
        using var outer = new TempRepository(markAsRepository: false);
        var worktree = outer.Nested("worktree");
        File.WriteAllText(Path.Combine(worktree, ".git"), "gitdir: /elsewhere\n");

        var options = outer.Load(startDirectory: outer.Nested("worktree", "a", "b"));

        Assert.Equal(worktree, options.RepositoryRoot);
    }

    [Fact]
    public void Without_a_repository_the_start_directory_is_the_root()
    {
        using var dir = new TempRepository(markAsRepository: false);
        var start = dir.Nested("x");
        Assert.Equal(start, dir.Load(startDirectory: start).RepositoryRoot);
    }

    [Fact]
    public void Custom_profile_inherits_its_base_and_overrides_settings()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""
            {
              // comments and trailing commas are allowed
              "Hologram": {
                "Profile": "perf-lab",
                "Retries": 1,
                "Profiles": {
                  "perf-lab": { "Base": "nightly", "Retries": 0, "SkipNoCi": false,
                                "Budgets": { "verify": { "P95Ms": 5 } }, "Perf": { "Samples": 500 }, },
                  "quick": { "Perf": { "Samples": 5 } }
                }
              }
            }
            """);

        var options = repo.Load();

        Assert.Equal("perf-lab", options.Profile);
        Assert.Equal(0, options.Retries);
        Assert.False(options.SkipNoCi);
        Assert.Equal(5, options.Budgets["verify"].P95Ms);
        Assert.Equal(100, options.Budgets["encode"].P95Ms);
        Assert.Equal(500, options.Perf.Samples);
        Assert.Equal(10, options.Perf.Warmup);
        Assert.Equal(4, options.Perf.PayloadMb);
        Assert.Equal(["pr", "main", "nightly", "dev", "perf-lab", "quick"], HologramConfiguration.ProfileNames(options));
        Assert.Equal(["pr", "main", "nightly", "dev"], HologramConfiguration.ProfileNames());

        var origins = options.Provenance.ToDictionary(v => v.Key, v => v.Origin);
        Assert.Equal($"profile 'perf-lab' in {file}", origins["Retries"]);
        Assert.Equal("profile 'nightly' defaults, the base of 'perf-lab'", origins["Budgets:encode:P95Ms"]);

        var quick = repo.Load(Env(("HOLOGRAM_PROFILE", "QUICK")));
        Assert.Equal("quick", quick.Profile);
        Assert.Equal(5, quick.Perf.Samples);
        Assert.Equal(50, quick.Budgets["verify"].P95Ms);
        Assert.Equal(1, quick.Retries);

        var overridden = repo.Load(Env(("HOLOGRAM__RETRIES", "4")));
        Assert.Equal(4, overridden.Retries);
    }

    [Fact]
    public void A_built_in_profile_can_be_refined_in_the_file()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Profiles": { "main": { "Budgets": { "verify": { "P95Ms": 6 } } } } } }""");

        var main = repo.Load(Env(("HOLOGRAM_PROFILE", "main")));
        var pr = repo.Load(Env(("HOLOGRAM_PROFILE", "pr")));

        Assert.Equal(6, main.Budgets["verify"].P95Ms);
        Assert.Equal(80, main.Budgets["encode"].P95Ms);
        Assert.Equal(15, pr.Budgets["verify"].P95Ms);
        Assert.Equal(["pr", "main", "nightly", "dev"], HologramConfiguration.ProfileNames(main));
    }

    [Fact]
    public void Default_source_uses_the_base_directory_and_process_environment()
    {
        var source = new HologramConfigurationSource();
        Assert.Equal(AppContext.BaseDirectory, source.StartDirectory);
        Assert.Equal(Environment.GetEnvironmentVariable("PATH"), source.EnvironmentVariables["PATH"]);
        Assert.Equal("/x", HologramConfigurationSource.ForDirectory("/x").StartDirectory);
    }
}
