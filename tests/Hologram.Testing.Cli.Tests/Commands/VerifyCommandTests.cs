using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class VerifyCommandTests
{
    private static string Chain(CliRun cli, int records, byte[]? key = null)
    {
        var path = Path.Combine(cli.Root, "events.jsonl");
        var chain = new ProofChain(path, key);
        for (var i = 1; i <= records; i++)
        {
            chain.Append($$"""{"event":"e{{i}}"}""");
        }

        return path;
    }

    [Fact]
    public void An_intact_chain_prints_ok_and_the_count()
    {
        using var cli = new CliRun();
        Chain(cli, 7);

        Assert.Equal(0, cli.Run("verify", "events.jsonl"));
        Assert.Equal(["OK 7 records"], cli.OutLines);
    }

    [Fact]
    public void A_tampered_chain_prints_the_first_bad_record_and_fails()
    {
        using var cli = new CliRun();
        var path = Chain(cli, 7);
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Where((_, i) => i != 2));

        Assert.Equal(1, cli.Run("verify", "events.jsonl"));
        var line = Assert.Single(cli.OutLines);
        Assert.StartsWith("events.jsonl:line 3: removed: record 3 is missing before this one (expected ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_keyed_chain_verifies_with_the_key_from_the_environment()
    {
        using var cli = new CliRun();
        Chain(cli, 3, "ci-proof-key"u8.ToArray());
        cli.Environment["PROOF_KEY"] = "ci-proof-key";
        cli.Environment["WRONG_KEY"] = "other";

        Assert.Equal(0, cli.Run("verify", "events.jsonl", "--key-env", "PROOF_KEY"));
        Assert.Equal(1, cli.Run("verify", "events.jsonl", "--key-env", "WRONG_KEY"));
        Assert.Contains("line 1: altered", cli.Out, StringComparison.Ordinal);
        Assert.Equal(1, cli.Run("verify", "events.jsonl"));
    }

    [Fact]
    public void A_missing_file_or_key_is_bad_input()
    {
        using var cli = new CliRun();
        Assert.Equal(2, cli.Run("verify", "nope.jsonl"));
        Assert.Equal("hologram: proof chain 'nope.jsonl' does not exist", cli.Error.Trim());

        Chain(cli, 1);
        Assert.Equal(2, cli.Run("verify", "events.jsonl", "--key-env", "UNSET_KEY"));
        Assert.Contains("UNSET_KEY", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    public void A_chain_without_records_is_bad_input_not_ok(string content)
    {
        using var cli = new CliRun();
        File.WriteAllText(Path.Combine(cli.Root, "empty.jsonl"), content);

        Assert.Equal(2, cli.Run("verify", "empty.jsonl"));

        Assert.Equal("hologram: proof chain 'empty.jsonl' holds no records", cli.Error.Trim());
        Assert.Empty(cli.Out);
    }
}
