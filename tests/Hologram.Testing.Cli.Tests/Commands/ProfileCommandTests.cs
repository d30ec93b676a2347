using System.Text.Json;
using Xunit;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class ProfileCommandTests
{
    [Fact]
    public void Prints_seed_compatible_environment_lines()
    {
        using var cli = new CliRun();

        Assert.Equal(0, cli.Run("profile", "main"));

        Assert.Equal(
            [
                "HOLOGRAM_PROFILE=main", "SLO_VERIFY_P95_MS=8", "SLO_ENCODE_P95_MS=80", "SLO_GQL_P95_MS=80",
                "GQL_SAMPLES=100", "GQL_WARMUP=10", "ENC_MB=4", "REGRESSION_THRESHOLD_PCT=10",
                "HOLOGRAM__PERF__TIMEBUDGETMS=2000", "HOLOGRAM__RETRIES=2", "HOLOGRAM__SKIPNOCI=true",
            ],
            cli.OutLines);
        Assert.Empty(cli.Error);
    }

    [Theory]
    [InlineData("pr", "SLO_VERIFY_P95_MS=15", "HOLOGRAM__SKIPNOCI=true")]
    [InlineData("NIGHTLY", "GQL_SAMPLES=100", "HOLOGRAM__SKIPNOCI=false")]
    [InlineData("pr", "HOLOGRAM__PERF__TIMEBUDGETMS=1000", "GQL_SAMPLES=20")]
    [InlineData("dev", "HOLOGRAM__RETRIES=0", "SLO_GQL_P95_MS=500")]
    public void Every_built_in_profile_works(string profile, string line1, string line2)
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("profile", profile));
        Assert.Contains($"HOLOGRAM_PROFILE={profile.ToLowerInvariant()}", cli.OutLines);
        Assert.Contains(line1, cli.OutLines);
        Assert.Contains(line2, cli.OutLines);
    }

    [Fact]
    public void The_current_environment_does_not_change_the_output()
    {
        using var cli = new CliRun();
        cli.Environment["SLO_VERIFY_P95_MS"] = "999";
        cli.Environment["HOLOGRAM__RETRIES"] = "7";
        cli.Environment["HOLOGRAM_PROFILE"] = "dev";

        Assert.Equal(0, cli.Run("profile", "main"));

        Assert.Contains("SLO_VERIFY_P95_MS=8", cli.OutLines);
        Assert.Contains("HOLOGRAM__RETRIES=2", cli.OutLines);
    }

    [Fact]
    public void Custom_profiles_from_hologram_json_work()
    {
        using var cli = new CliRun();
        cli.WriteConfig("""
            { "Hologram": { "Budgets": { "my_op": { "P95Ms": 3.5 } },
              "Profiles": { "perf-lab": { "Base": "nightly", "Retries": 0, "Perf": { "Samples": 500 } } } } }
            """);

        Assert.Equal(0, cli.Run("profile", "perf-lab"));

        Assert.Contains("HOLOGRAM_PROFILE=perf-lab", cli.OutLines);
        Assert.Contains("SLO_VERIFY_P95_MS=10", cli.OutLines);
        Assert.Contains("SLO_MY_OP_P95_MS=3.5", cli.OutLines);
        Assert.Contains("GQL_SAMPLES=500", cli.OutLines);
        Assert.Contains("HOLOGRAM__RETRIES=0", cli.OutLines);
        Assert.Contains("HOLOGRAM__SKIPNOCI=false", cli.OutLines);
    }

    [Fact]
    public void Json_format_prints_one_object()
    {
        using var cli = new CliRun();

        Assert.Equal(0, cli.Run("profile", "pr", "--format", "json"));

        using var document = JsonDocument.Parse(cli.Out);
        Assert.Equal("pr", document.RootElement.GetProperty("HOLOGRAM_PROFILE").GetString());
        Assert.Equal("150", document.RootElement.GetProperty("SLO_GQL_P95_MS").GetString());
        Assert.Equal("true", document.RootElement.GetProperty("HOLOGRAM__SKIPNOCI").GetString());
    }

    [Fact]
    public void Github_format_appends_to_the_GITHUB_ENV_file()
    {
        using var cli = new CliRun();
        var githubEnv = Path.Combine(cli.Root, "github_env");
        File.WriteAllText(githubEnv, "EXISTING=1\n");
        cli.Environment["GITHUB_ENV"] = githubEnv;

        Assert.Equal(0, cli.Run("profile", "main", "--format", "github"));

        var lines = File.ReadAllLines(githubEnv);
        Assert.Equal("EXISTING=1", lines[0]);
        Assert.Equal("HOLOGRAM_PROFILE=main", lines[1]);
        Assert.Contains("SLO_VERIFY_P95_MS=8", lines);
        Assert.Equal(12, lines.Length);
        Assert.Contains(githubEnv, cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Github_format_without_GITHUB_ENV_is_bad_input()
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("profile", "main", "--format", "github"));

        AssertOneErrorLine(cli, "GITHUB_ENV");
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void Unknown_profile_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();
        cli.WriteConfig("""{ "Hologram": { "Profiles": { "perf-lab": {} } } }""");

        Assert.Equal(2, cli.Run("profile", "nope"));

        AssertOneErrorLine(cli, "Profile 'nope' (command line) is not a known profile; known: pr, main, nightly, dev, perf-lab");
    }

    [Fact]
    public void Bad_hologram_json_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();
        var file = cli.WriteConfig("""{ "Hologram": { "Retires": 1 } }""");

        Assert.Equal(2, cli.Run("profile", "main"));

        AssertOneErrorLine(cli, $"hologram.json ({file}): unknown key 'Hologram:Retires'");
    }

    [Theory]
    [InlineData(new[] { "profile", "main", "--format", "xml" }, "'xml'")]
    [InlineData(new[] { "profile" }, "missing argument <name> of 'hologram profile'")]
    [InlineData(new[] { "profile", "main", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "bogus" }, "'bogus'")]
    [InlineData(new string[0], "Required command")]
    public void Bad_arguments_are_bad_input_with_one_line(string[] args, string expected)
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run(args));

        AssertOneErrorLine(cli, expected);
    }

    [Fact]
    public void Help_succeeds()
    {
        using var cli = new CliRun();
        Assert.Equal(0, cli.Run("profile", "--help"));
        Assert.Contains("--format", cli.Out, StringComparison.Ordinal);
    }

    internal static void AssertOneErrorLine(CliRun cli, string expected)
    {
        var lines = cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("hologram: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Error, StringComparison.Ordinal);
    }
}
