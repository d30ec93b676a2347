using System.Text.Json;
using Xunit;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class ConfigCommandTests
{
    [Fact]
    public void Prints_profile_file_and_each_value_with_its_origin()
    {
        using var cli = new CliRun();
        var file = cli.WriteConfig("""{ "Hologram": { "Retries": 1 } }""");
        cli.Environment["HOLOGRAM_PROFILE"] = "main";
        cli.Environment["SLO_VERIFY_P95_MS"] = "9";

        Assert.Equal(0, cli.Run("config"));

        Assert.Contains("main (environment variable HOLOGRAM_PROFILE)", cli.Out, StringComparison.Ordinal);
        Assert.Contains($"config file:     {file}", cli.Out, StringComparison.Ordinal);
        Assert.Contains(cli.OutLines, l => l.StartsWith("Retries ", StringComparison.Ordinal) && l.EndsWith(file, StringComparison.Ordinal));
        Assert.Contains(cli.OutLines, l => l.StartsWith("Budgets:verify:P95Ms ", StringComparison.Ordinal) && l.Contains(" 9 ", StringComparison.Ordinal) && l.EndsWith("environment variable SLO_VERIFY_P95_MS", StringComparison.Ordinal));
        Assert.Contains(cli.OutLines, l => l.StartsWith("Budgets:gql:P95Ms ", StringComparison.Ordinal) && l.EndsWith("profile 'main' defaults", StringComparison.Ordinal));
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void CI_true_selects_pr_and_says_why()
    {
        using var cli = new CliRun();
        cli.Environment["CI"] = "true";

        Assert.Equal(0, cli.Run("config"));

        Assert.Contains("pr (environment variable CI=true)", cli.Out, StringComparison.Ordinal);
        Assert.Contains("config file:     (none found)", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_format_lists_values_and_hides_passwords()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_STORE"] = "Host=db;Username=ci;Password=s3cret;Database=hologram";
        cli.Environment["IPFS_API"] = "http://admin:hunter2@127.0.0.1:5001";

        Assert.Equal(0, cli.Run("config", "--format", "json"));

        Assert.DoesNotContain("s3cret", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", cli.Out, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(cli.Out);
        Assert.Equal("dev", document.RootElement.GetProperty("profile").GetString());
        var store = document.RootElement.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "Store");
        Assert.Equal("Host=db;Username=ci;Password=[REDACTED:connection-string-password];Database=hologram", store.GetProperty("value").GetString());
        Assert.Equal("environment variable HOLOGRAM_STORE", store.GetProperty("origin").GetString());
    }

    [Fact]
    public void Bad_value_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();
        cli.Environment["SLO_VERIFY_P95_MS"] = "abc";

        Assert.Equal(2, cli.Run("config"));

        ProfileCommandTests.AssertOneErrorLine(cli, "SLO_VERIFY_P95_MS='abc' (environment variable SLO_VERIFY_P95_MS) is not a number of milliseconds");
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void A_store_value_that_names_no_store_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();
        cli.Environment["HOLOGRAM_STORE"] = "bogus://x";

        Assert.Equal(2, cli.Run("config"));

        ProfileCommandTests.AssertOneErrorLine(cli, "HOLOGRAM_STORE='bogus://x' (environment variable HOLOGRAM_STORE) is neither 'sqlite:<path>' nor a PostgreSQL connection string");
    }

    [Fact]
    public void Invalid_json_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();
        var file = cli.WriteConfig("{ \"Hologram\": { \"Retries\": } }");

        Assert.Equal(2, cli.Run("config"));

        ProfileCommandTests.AssertOneErrorLine(cli, $"hologram.json ({file}): invalid JSON at line 1");
    }
}
