namespace Hologram.Testing.Xunit.Tests.Packaged;

/// <summary>
/// The packed packages in a consumer's project, run by <c>dotnet test</c>: wiring through buildTransitive,
/// filters, profile skips from hologram.json, shards, opt-out and configuration errors.
/// </summary>
public sealed class PackagedAcceptanceTests(PackedFixture fixture) : IClassFixture<PackedFixture>
{
    private static readonly string[] All =
    [
        "E2EFact", "E2ELocalOnly", "PerfFact", "PerfRows(value: 1)", "PerfRows(value: 2)",
        "PlainFact", "PlainLocalOnly", "PlainNeedsService", "PlainSkipIf",
    ];

    private static readonly Dictionary<string, string> Dev = new() { ["HOLOGRAM_PROFILE"] = "dev" };

    [Fact]
    public async Task Filter_on_two_categories_selects_exactly_perf_and_e2e_tests()
    {
        var run = await fixture.TestAsync(Dev, "Category=Phase6Perf|Category=Phase8E2E");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["E2EFact", "E2ELocalOnly", "PerfFact", "PerfRows(value: 1)", "PerfRows(value: 2)"], run.Tests.Keys.Order(StringComparer.Ordinal));
        Assert.All(run.Tests.Values, t => Assert.Equal("Passed", t.Outcome));
    }

    [Fact]
    public async Task Filter_excluding_NoCi_selects_everything_else()
    {
        var run = await fixture.TestAsync(Dev, "Category!=NoCi");

        Assert.Equal(All.Except(["E2ELocalOnly", "PlainLocalOnly"]), run.Tests.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_assembly_level_attribute_categorises_every_test()
    {
        var run = await fixture.TestAsync(Dev, "Category=Phase9Chaos");

        Assert.Equal(All, run.Tests.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Profile_from_hologram_json_skips_NoCi_tests_and_run_time_skips_show_their_reasons()
    {
        var run = await fixture.TestAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["E2ELocalOnly", "PlainLocalOnly", "PlainNeedsService", "PlainSkipIf"], run.With("NotExecuted"));
        Assert.Contains("profile 'main'", run.Tests["PlainLocalOnly"].Message, StringComparison.Ordinal);
        Assert.Equal("skipped at run time by Skip.If", run.Tests["PlainSkipIf"].Message);
        Assert.Contains("HOLOGRAM_FIXTURE_SERVICE is not configured", run.Tests["PlainNeedsService"].Message, StringComparison.Ordinal);
        Assert.Empty(run.With("Failed"));
    }

    [Fact]
    public async Task The_environment_overrides_the_profile_of_hologram_json()
    {
        var run = await fixture.TestAsync(Dev);

        Assert.Equal(["PlainNeedsService", "PlainSkipIf"], run.With("NotExecuted"));
        Assert.Equal(7, run.With("Passed").Count());
    }

    [Fact]
    public async Task Two_shards_partition_the_suite()
    {
        var first = await fixture.TestAsync(new Dictionary<string, string>(Dev) { ["HOLOGRAM_SHARD"] = "1/2" });
        var second = await fixture.TestAsync(new Dictionary<string, string>(Dev) { ["HOLOGRAM_SHARD"] = "2/2" });

        Assert.NotEmpty(first.Tests);
        Assert.NotEmpty(second.Tests);
        Assert.Empty(first.Tests.Keys.Intersect(second.Tests.Keys));
        Assert.Equal(All, first.Tests.Keys.Concat(second.Tests.Keys).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Opting_out_leaves_plain_xunit_with_the_traits()
    {
        var run = await fixture.TestAsync(new Dictionary<string, string> { ["HOLOGRAM_PROFILE"] = "pr" }, "Category=NoCi", optOut: true);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["E2ELocalOnly", "PlainLocalOnly"], run.With("Passed"));
    }

    [Fact]
    public async Task A_bad_budget_value_fails_the_run_with_one_line_naming_the_variable_and_value()
    {
        var run = await fixture.TestAsync(new Dictionary<string, string>(Dev) { ["SLO_VERIFY_P95_MS"] = "abc" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal(All, run.With("Failed"));
        var message = run.Tests["PlainFact"].Message;
        Assert.Contains("SLO_VERIFY_P95_MS", message, StringComparison.Ordinal);
        Assert.Contains("abc", message, StringComparison.Ordinal);
    }
}
