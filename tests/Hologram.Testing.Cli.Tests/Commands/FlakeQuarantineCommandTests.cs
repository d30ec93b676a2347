namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeQuarantineCommandTests
{
    [Fact]
    public void Quarantines_one_test_manually_with_reason_user_and_until()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "DB container flaky, #123", "--until", "2025-04-01"));

        var entry = Assert.Single(cli.Store.Quarantined, q => q.TestId == FlakeHistorySeed.Broken);
        Assert.True(entry.Manual);
        Assert.Equal("DB container flaky, #123", entry.Reason);
        Assert.Equal("alice", entry.By);
        Assert.Equal(FlakeCli.Now, entry.Since);
        Assert.Equal(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero), entry.Until);
        Assert.Equal(
            [$"Quarantined {FlakeHistorySeed.Broken}", "1 test quarantined by alice until at least 2025-04-01: DB container flaky, #123"],
            cli.OutLines);
        var audit = cli.Store.Audit[^1];
        Assert.Equal(("quarantined", "alice", FlakeHistorySeed.Broken), (audit.Action, audit.By, audit.TestId));
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void By_overrides_USER_and_USERNAME_is_the_fallback_then_unknown()
    {
        using var cli = Seeded();
        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "r", "--by", "bob"));
        Assert.Equal("bob", cli.Store.Audit[^1].By);

        cli.Environment.Remove("USER");
        cli.Environment["USERNAME"] = "carol";
        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "r"));
        Assert.Equal("carol", cli.Store.Audit[^1].By);

        cli.Environment.Remove("USERNAME");
        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "r"));
        Assert.Equal("unknown", cli.Store.Audit[^1].By);
    }

    [Fact]
    public void A_pattern_quarantines_every_matching_recorded_test()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "quarantine", "Ns.*.F*", "--reason", "noisy"));

        Assert.Equal(
            [$"Quarantined {FlakeHistorySeed.Flaky} (replaces the quarantine since 2025-03-09 by policy: 2 flakes in 7 days)", $"Quarantined {FlakeHistorySeed.Old}",
                "2 tests quarantined by alice until released with 'hologram flake unquarantine': noisy"],
            cli.OutLines);
        Assert.All(cli.Store.Quarantined, q => Assert.True(q.Manual));
    }

    [Fact]
    public void A_pattern_is_case_sensitive_and_anchored()
    {
        using var cli = Seeded();

        Assert.Equal(2, cli.Run("flake", "quarantine", "ns.*", "--reason", "r"));
        cli.AssertOneErrorLine("no recorded test matches 'ns.*' in sqlite:/repo/reports/hologram.db");

        Assert.Equal(2, cli.Run("flake", "quarantine", "*.Broke", "--reason", "r"));
        cli.AssertOneErrorLine("no recorded test matches '*.Broke'");
        Assert.Single(cli.Store.Quarantined);
    }

    [Fact]
    public void An_exact_id_without_history_is_quarantined_with_a_note()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "quarantine", "Ns.New.Test", "--reason", "new and shaky"));

        Assert.Contains(cli.Store.Quarantined, q => q.TestId == "Ns.New.Test");
        Assert.StartsWith("hologram: note: 'Ns.New.Test' has no recorded results yet", cli.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "flake", "quarantine", "Ns.Db.Broken" }, "--reason")]
    [InlineData(new[] { "flake", "quarantine", "Ns.Db.Broken", "--reason", " " }, "--reason must not be empty")]
    [InlineData(new[] { "flake", "quarantine", "Ns.Db.Broken", "--reason", "r", "--until", "soon" }, "--until 'soon' is not a date")]
    [InlineData(new[] { "flake", "quarantine", "Ns.Db.Broken", "--reason", "r", "--until", "2025-03-01" }, "--until 2025-03-01 00:00 is not in the future")]
    [InlineData(new[] { "flake", "quarantine", "--reason", "r" }, "missing argument <test> of 'hologram flake quarantine'")]
    public void Bad_quarantine_input_is_one_line(string[] args, string expected)
    {
        using var cli = Seeded();

        Assert.Equal(2, cli.Run(args));

        cli.AssertOneErrorLine(expected);
        Assert.Single(cli.Store.Quarantined);
    }

    [Fact]
    public void Unquarantine_releases_with_an_audit_entry()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "unquarantine", FlakeHistorySeed.Flaky, "--reason", "fixed in #42"));

        Assert.Empty(cli.Store.Quarantined);
        var audit = cli.Store.Audit[^1];
        Assert.Equal(("released", "fixed in #42", "alice", FlakeCli.Now), (audit.Action, audit.Reason, audit.By, audit.At));
        Assert.Equal([$"Released {FlakeHistorySeed.Flaky}", "1 test released by alice: fixed in #42"], cli.OutLines);
    }

    [Fact]
    public void Unquarantine_has_a_default_reason_and_takes_patterns()
    {
        using var cli = Seeded();
        Assert.Equal(0, cli.Run("flake", "quarantine", FlakeHistorySeed.Broken, "--reason", "r"));

        Assert.Equal(0, cli.Run("flake", "unquarantine", "Ns.*", "--by", "dave"));

        Assert.Empty(cli.Store.Quarantined);
        Assert.All(cli.Store.Audit.Where(a => a.Action == "released"), a => Assert.Equal(("released manually", "dave"), (a.Reason, a.By)));
        Assert.Equal("2 tests released by dave: released manually", cli.OutLines[^1]);
    }

    [Fact]
    public void Unquarantine_of_a_test_that_is_not_quarantined_is_bad_input()
    {
        using var cli = Seeded();

        Assert.Equal(2, cli.Run("flake", "unquarantine", FlakeHistorySeed.Broken));
        cli.AssertOneErrorLine($"'{FlakeHistorySeed.Broken}' is not quarantined");

        Assert.Equal(2, cli.Run("flake", "unquarantine", "Ns.Db.*"));
        cli.AssertOneErrorLine("no quarantined test matches 'Ns.Db.*' (1 quarantined)");
        Assert.Empty(cli.Out);
        Assert.Single(cli.Store.Quarantined);
    }

    private static FlakeCli Seeded()
    {
        var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);
        return cli;
    }
}
