using Xunit;

namespace Hologram.Testing.Tests.Configuration;

public sealed class ConfigurationErrorTests
{
    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Name, p => p.Value);

    [Theory]
    [InlineData("SLO_VERIFY_P95_MS", "abc", "Budgets:verify:P95Ms", "SLO_VERIFY_P95_MS='abc' (environment variable SLO_VERIFY_P95_MS) is not a number of milliseconds")]
    [InlineData("SLO_GQL_P95_MS", "0", "Budgets:gql:P95Ms", "SLO_GQL_P95_MS='0' (environment variable SLO_GQL_P95_MS) must be a positive number of milliseconds")]
    [InlineData("SLO_VERIFY_P95_MS", "-3", "Budgets:verify:P95Ms", "SLO_VERIFY_P95_MS='-3' (environment variable SLO_VERIFY_P95_MS) must be a positive number of milliseconds")]
    [InlineData("GQL_SAMPLES", "0", "Perf:Samples", "GQL_SAMPLES='0' (environment variable GQL_SAMPLES) must be a whole number, at least 1")]
    [InlineData("GQL_WARMUP", "x", "Perf:Warmup", "GQL_WARMUP='x' (environment variable GQL_WARMUP) is not a whole number")]
    [InlineData("ENC_MB", "big", "Perf:PayloadMb", "ENC_MB='big' (environment variable ENC_MB) is not a number of megabytes")]
    [InlineData("REGRESSION_THRESHOLD_PCT", "-1", "Perf:RegressionThresholdPct", "REGRESSION_THRESHOLD_PCT='-1' (environment variable REGRESSION_THRESHOLD_PCT) must be a positive number of percent")]
    [InlineData("HOLOGRAM_SHARD", "5/4", "Shard", "HOLOGRAM_SHARD='5/4' (environment variable HOLOGRAM_SHARD) is not a valid shard: the index must be between 1 and 4 (shards are 1-based)")]
    [InlineData("HOLOGRAM_SHARD", "a/b", "Shard", "HOLOGRAM_SHARD='a/b' (environment variable HOLOGRAM_SHARD) is not a valid shard: expected two whole numbers 'i/n', e.g. '1/4'")]
    [InlineData("HOLOGRAM_STORE", "sqlite:", "Store", "HOLOGRAM_STORE='sqlite:' (environment variable HOLOGRAM_STORE) needs a file path after 'sqlite:', e.g. 'sqlite:reports/hologram.db'")]
    [InlineData("HOLOGRAM_STORE", "bogus://x", "Store", "HOLOGRAM_STORE='bogus://x' (environment variable HOLOGRAM_STORE) is neither 'sqlite:<path>' nor a PostgreSQL connection string")]
    [InlineData("HOLOGRAM_STORE", "Host=;Database=h", "Store", "HOLOGRAM_STORE='Host=;Database=h' (environment variable HOLOGRAM_STORE) names no PostgreSQL host")]
    [InlineData("IPFS_API", "not a url", "Services:IPFS_API", "IPFS_API='not a url' (environment variable IPFS_API) is not a URL or host:port (e.g. 'http://127.0.0.1:5001' or '127.0.0.1:5001')")]
    [InlineData("GRAPHQL_URL", "localhost:99999", "Services:GRAPHQL_URL", "GRAPHQL_URL='localhost:99999' (environment variable GRAPHQL_URL) is not a URL or host:port")]
    [InlineData("HOLOGRAM__RETRIES", "-1", "Retries", "HOLOGRAM__RETRIES='-1' (environment variable HOLOGRAM__RETRIES) must be a whole number, at least 0")]
    [InlineData("HOLOGRAM__FLAKE__WINDOWDAYS", "0", "Flake:WindowDays", "HOLOGRAM__FLAKE__WINDOWDAYS='0' (environment variable HOLOGRAM__FLAKE__WINDOWDAYS) must be a whole number of days, at least 1")]
    [InlineData("HOLOGRAM__SKIPNOCI", "maybe", "SkipNoCi", "HOLOGRAM__SKIPNOCI='maybe' (environment variable HOLOGRAM__SKIPNOCI) is not true or false")]
    [InlineData("HOLOGRAM__SERVICECONNECTTIMEOUTMS", "0", "ServiceConnectTimeoutMs", "HOLOGRAM__SERVICECONNECTTIMEOUTMS='0' (environment variable HOLOGRAM__SERVICECONNECTTIMEOUTMS) must be a whole number of milliseconds, at least 1")]
    [InlineData("HOLOGRAM__RETIRES", "1", "RETIRES", "HOLOGRAM__RETIRES='1' (environment variable HOLOGRAM__RETIRES) is not a known setting; did you mean HOLOGRAM__RETRIES?")]
    [InlineData("HOLOGRAM__FLAKE", "1", "Flake", "HOLOGRAM__FLAKE='1' (environment variable HOLOGRAM__FLAKE) names a section, not a setting")]
    [InlineData("HOLOGRAM__BUDGETS__MY-OP__P95MS", "3", "Budgets:my-op:P95Ms", "has an invalid budget name 'my-op'")]
    public void Bad_environment_values_fail_with_one_line_naming_key_value_and_origin(string variable, string value, string key, string expected)
    {
        using var repo = new TempRepository();
        var ex = repo.LoadFails(Env((variable, value)));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(key, ex.Key);
        Assert.Equal(value, ex.Value);
        Assert.Equal($"environment variable {variable}", ex.Origin);
    }

    [Fact]
    public void Unknown_profile_lists_the_known_ones_including_custom()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Profiles": { "perf-lab": { "Base": "nightly" } } } }""");

        var ex = repo.LoadFails(Env(("HOLOGRAM_PROFILE", "nope")));

        Assert.Equal("Profile 'nope' (environment variable HOLOGRAM_PROFILE) is not a known profile; known: pr, main, nightly, dev, perf-lab", ex.Message);
        Assert.Equal("Profile", ex.Key);
        Assert.Equal("nope", ex.Value);
    }

    [Fact]
    public void Unknown_profile_in_the_file_names_the_file()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""{ "Hologram": { "Profile": "mian" } }""");

        var ex = repo.LoadFails();

        Assert.Equal($"Profile 'mian' ({file}) is not a known profile; known: pr, main, nightly, dev", ex.Message);
        Assert.Equal(file, ex.Origin);
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_position()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("{\n  \"Hologram\": {\n    \"Retries\": ,\n  }\n}\n");

        var ex = repo.LoadFails();

        Assert.StartsWith($"hologram.json ({file}): invalid JSON at line 3, position 16: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(file, ex.Origin);
    }

    [Theory]
    [InlineData("""{ "Hologram": { "Retires": 1 } }""", "Hologram:Retires", "unknown key 'Hologram:Retires'; did you mean 'Hologram:Retries'?")]
    [InlineData("""{ "Hologram": { "Flake": { "Window": 3 } } }""", "Hologram:Flake:Window", "unknown key 'Hologram:Flake:Window'; did you mean 'Hologram:Flake:WindowDays'?")]
    [InlineData("""{ "Hologram": { "Budgets": { "verify": { "P59Ms": 3 } } } }""", "Hologram:Budgets:verify:P59Ms", "unknown key 'Hologram:Budgets:verify:P59Ms'")]
    [InlineData("""{ "Hologram": { "Profiles": { "x": { "Profile": "pr" } } } }""", "Hologram:Profiles:x:Profile", "unknown key 'Hologram:Profiles:x:Profile'")]
    [InlineData("""{ "Hologram": { "Flake": 3 } }""", "Hologram:Flake", "'Hologram:Flake' must be a JSON object, not a number")]
    [InlineData("""{ "Hologram": { "Retries": [1] } }""", "Hologram:Retries", "'Hologram:Retries' must be a single value, not an array")]
    [InlineData("""{ "Hologram": { "Retries": 1, "retries": 2 } }""", "Hologram:retries", "duplicate key 'Hologram:retries'")]
    [InlineData("""{ "Hologram": { "Profiles": { "Perf Lab": { } , "a": { "Retries": 1 } } } }""", "Profiles:perf lab", "'perf lab' is not a valid profile name")]
    [InlineData("""[1, 2]""", "", "the document must be a JSON object")]
    public void Structural_file_errors_name_the_key_and_file(string json, string key, string problem)
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig(json);

        var ex = repo.LoadFails();

        Assert.StartsWith($"hologram.json ({file}): ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal(key, ex.Key);
        Assert.Equal(file, ex.Origin);
    }

    [Theory]
    [InlineData("""{ "Hologram": { "Retries": -1 } }""", "Retries", "-1", "Hologram:Retries='-1' ({0}) must be a whole number, at least 0")]
    [InlineData("""{ "Hologram": { "Flake": { "WindowDays": 0 } } }""", "Flake:WindowDays", "0", "Hologram:Flake:WindowDays='0' ({0}) must be a whole number of days, at least 1")]
    [InlineData("""{ "Hologram": { "Budgets": { "verify": { "P95Ms": 0 } } } }""", "Budgets:verify:P95Ms", "0", "Hologram:Budgets:verify:P95Ms='0' ({0}) must be a positive number of milliseconds")]
    [InlineData("""{ "Hologram": { "Perf": { "Samples": 0 } } }""", "Perf:Samples", "0", "Hologram:Perf:Samples='0' ({0}) must be a whole number, at least 1")]
    [InlineData("""{ "Hologram": { "Services": { "IPFS_API": "/ip4/127.0.0.1/tcp/5001" } } }""", "Services:IPFS_API", "/ip4/127.0.0.1/tcp/5001", "Hologram:Services:IPFS_API='/ip4/127.0.0.1/tcp/5001' ({0}) is not a URL or host:port")]
    [InlineData("""{ "Hologram": { "Shard": "0/4" } }""", "Shard", "0/4", "Hologram:Shard='0/4' ({0}) is not a valid shard")]
    [InlineData("""{ "Hologram": { "ReportsDir": "" } }""", "ReportsDir", "", "Hologram:ReportsDir='' ({0}) must not be empty")]
    public void Bad_file_values_name_the_key_value_and_file(string json, string key, string value, string expected)
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig(json);

        var ex = repo.LoadFails();

        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, file), ex.Message, StringComparison.Ordinal);
        Assert.Equal(key, ex.Key);
        Assert.Equal(value, ex.Value);
        Assert.Equal(file, ex.Origin);
    }

    [Fact]
    public void Bad_value_in_the_active_custom_profile_names_the_profile()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""{ "Hologram": { "Profile": "perf-lab", "Profiles": { "perf-lab": { "Base": "nightly", "Retries": -2 } } } }""");

        var ex = repo.LoadFails();

        Assert.Equal($"Hologram:Profiles:perf-lab:Retries='-2' (profile 'perf-lab' in {file}) must be a whole number, at least 0", ex.Message);
        Assert.Equal($"profile 'perf-lab' in {file}", ex.Origin);
    }

    [Fact]
    public void Custom_profile_with_an_unknown_base_fails_even_when_not_active()
    {
        using var repo = new TempRepository();
        var file = repo.WriteConfig("""{ "Hologram": { "Profiles": { "perf-lab": { "Base": "nighty" } } } }""");

        var ex = repo.LoadFails();

        Assert.Equal($"Hologram:Profiles:perf-lab:Base='nighty' (profile 'perf-lab' in {file}) is not a built-in profile; known: pr, main, nightly, dev", ex.Message);
        Assert.Equal("Profiles:perf-lab:Base", ex.Key);
        Assert.Equal("nighty", ex.Value);
    }

    [Fact]
    public void A_built_in_profile_cannot_change_its_base()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Profiles": { "main": { "Base": "dev" } } } }""");

        var ex = repo.LoadFails();

        Assert.Contains("cannot change the base of the built-in profile 'main'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_overridden_by_a_later_layer_is_not_validated()
    {
        using var repo = new TempRepository();
        repo.WriteConfig("""{ "Hologram": { "Retries": -1 } }""");

        Assert.Equal(2, repo.Load(Env(("HOLOGRAM__RETRIES", "2"))).Retries);
    }

    [Fact]
    public void Exception_message_is_always_one_line()
    {
        var ex = new HologramConfigurationException("K", "v", "o", "first\nsecond\r\nthird");
        Assert.Equal("first second third", ex.Message);
    }
}
