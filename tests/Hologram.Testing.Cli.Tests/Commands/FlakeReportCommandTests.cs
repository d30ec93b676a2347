using System.Text.Json;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class FlakeReportCommandTests
{
    [Fact]
    public void Table_lists_flaky_and_failing_tests_aligned_most_flaky_first()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "report"));

        const string Expected = """
            TEST          RUNS  FAILURES  FLAKES  FLAKE RATE  LAST FLAKE        SIGNATURE                   QUARANTINE
            Ns.Api.Flaky     4         0       2       50.0%  2025-03-09 10:01  Timeout after <n> ms        since 2025-03-09 by policy: 2 flakes in 7 days
            Ns.Db.Broken     4         2       0        0.0%  -                 Npgsql: connection refused  -

            2 tests flaky, failing or quarantined in the last 7 days; 1 quarantined.

            """;
        Assert.Equal(Expected, cli.Out);
        Assert.Empty(cli.Error);
        Assert.Equal(1, cli.Store.SummaryQueries);
        Assert.Equal(0, cli.Store.AttemptQueries);
        Assert.Equal(1, cli.Store.Disposals);
    }

    [Fact]
    public void Markdown_is_a_github_table_with_escaped_pipes()
    {
        using var cli = Seeded();
        cli.Store.AddRun("r5", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r5", "Ns.Pipes.Test", Hologram.Testing.History.TestOutcome.Failed, signature: "a|b");

        Assert.Equal(0, cli.Run("flake", "report", "--format", "markdown"));

        const string Expected = """
            | Test | Runs | Failures | Flakes | Flake rate | Last flake | Signature | Quarantine |
            |---|---:|---:|---:|---:|---|---|---|
            | `Ns.Api.Flaky` | 4 | 0 | 2 | 50.0% | 2025-03-09 10:01 | Timeout after &lt;n&gt; ms | since 2025-03-09 by policy: 2 flakes in 7 days |
            | `Ns.Db.Broken` | 4 | 2 | 0 | 0.0% | - | Npgsql: connection refused | - |
            | `Ns.Pipes.Test` | 1 | 1 | 0 | 0.0% | - | a\|b | - |

            3 tests flaky, failing or quarantined in the last 7 days; 1 quarantined.

            """;
        Assert.Equal(Expected, cli.Out);
    }

    [Fact]
    public void Json_is_an_array_with_stable_camel_case_names()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "report", "--format", "json"));

        using var document = JsonDocument.Parse(cli.Out);
        var rows = document.RootElement.EnumerateArray().ToList();
        Assert.Equal([FlakeHistorySeed.Flaky, FlakeHistorySeed.Broken], rows.Select(r => r.GetProperty("testId").GetString()));
        var flaky = rows[0];
        Assert.Equal(
            ["testId", "displayName", "runs", "failures", "flakes", "flakeRate", "lastFlake", "signature", "quarantine"],
            flaky.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4, flaky.GetProperty("runs").GetInt32());
        Assert.Equal(2, flaky.GetProperty("flakes").GetInt32());
        Assert.Equal(0.5, flaky.GetProperty("flakeRate").GetDouble());
        Assert.Equal(new DateTimeOffset(2025, 3, 9, 10, 1, 0, TimeSpan.Zero), flaky.GetProperty("lastFlake").GetDateTimeOffset());
        var quarantine = flaky.GetProperty("quarantine");
        Assert.Equal(["since", "reason", "by", "manual", "until"], quarantine.EnumerateObject().Select(p => p.Name));
        Assert.Equal("policy", quarantine.GetProperty("by").GetString());
        Assert.False(quarantine.GetProperty("manual").GetBoolean());
        Assert.Equal(JsonValueKind.Null, quarantine.GetProperty("until").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("quarantine").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("lastFlake").ValueKind);
    }

    [Fact]
    public void A_quarantined_test_without_results_in_the_window_is_still_listed()
    {
        using var cli = Seeded();
        Assert.Equal(0, cli.Run("flake", "quarantine", "Ns.Gone.Test", "--reason", "disabled rig"));

        Assert.Equal(0, cli.Run("flake", "report"));

        Assert.Contains("Ns.Gone.Test     0         0       0        0.0%  -                 -                           since 2025-03-10 by alice: disabled rig", cli.OutLines);
        Assert.EndsWith("3 tests flaky, failing or quarantined in the last 7 days; 2 quarantined.\n", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void All_includes_passing_tests()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "report", "--all", "--format", "json"));

        using var document = JsonDocument.Parse(cli.Out);
        Assert.Equal(
            [FlakeHistorySeed.Flaky, FlakeHistorySeed.Broken, FlakeHistorySeed.Passes],
            document.RootElement.EnumerateArray().Select(r => r.GetProperty("testId").GetString()));
    }

    [Fact]
    public void Days_widens_the_window()
    {
        using var cli = Seeded();

        Assert.Equal(0, cli.Run("flake", "report", "--days", "60"));

        Assert.Contains(cli.OutLines, l => l.StartsWith(FlakeHistorySeed.Old + " ", StringComparison.Ordinal));
        Assert.EndsWith("3 tests flaky, failing or quarantined in the last 60 days; 1 quarantined.\n", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_window_defaults_to_Flake_WindowDays()
    {
        using var cli = Seeded();
        cli.Environment["HOLOGRAM__FLAKE__WINDOWDAYS"] = "2";

        Assert.Equal(0, cli.Run("flake", "report", "--format", "json"));

        using var document = JsonDocument.Parse(cli.Out);
        var flaky = document.RootElement.EnumerateArray().Single(r => r.GetProperty("testId").GetString() == FlakeHistorySeed.Flaky);
        Assert.Equal(1, flaky.GetProperty("flakes").GetInt32());
    }

    [Fact]
    public void Long_signatures_are_shortened_in_the_table_only()
    {
        using var cli = new FlakeCli();
        var signature = new string('x', 60);
        cli.Store.AddRun("r1", FlakeCli.Now.AddHours(-1));
        cli.Store.AddResult("r1", "Ns.C.M", Hologram.Testing.History.TestOutcome.Failed, signature: signature);

        Assert.Equal(0, cli.Run("flake", "report"));
        Assert.Contains(new string('x', 39) + "…", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(signature, cli.Out, StringComparison.Ordinal);

        Assert.Equal(0, cli.Run("flake", "report", "--format", "markdown"));
        Assert.Contains(signature, cli.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("table", "No flaky, failing or quarantined tests in the last 7 days.\n")]
    [InlineData("markdown", "No flaky, failing or quarantined tests in the last 7 days.\n")]
    [InlineData("json", "[]\n")]
    public void An_empty_store_says_so(string format, string expected)
    {
        using var cli = new FlakeCli();

        Assert.Equal(0, cli.Run("flake", "report", "--format", format));

        Assert.Equal(expected, cli.Out);
    }

    [Theory]
    [InlineData(new[] { "flake", "report", "--days", "0" }, "--days must be at least 1")]
    [InlineData(new[] { "flake", "report", "--days", "x" }, "'x'")]
    [InlineData(new[] { "flake", "report", "--format", "html" }, "'html'")]
    [InlineData(new[] { "flake", "bogus" }, "'bogus'")]
    public void Bad_arguments_are_bad_input_with_one_line(string[] args, string expected)
    {
        using var cli = Seeded();

        Assert.Equal(2, cli.Run(args));

        cli.AssertOneErrorLine(expected);
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void Is_fast_on_a_large_history()
    {
        using var cli = new FlakeCli();
        var summaries = Enumerable.Range(0, 10_000).Select(i => new Hologram.Testing.History.TestSummary
        {
            TestId = $"Ns.C{i % 100}.Test{i}", DisplayName = $"Test{i}", Runs = 100, Failures = i % 7, Flakes = i % 5,
            LastFlake = i % 5 == 0 ? null : FlakeCli.Now.AddHours(-i % 48), LastSignature = i % 7 == 0 ? null : "Timeout after <n> ms",
        }).ToList();
        cli.Store.PresetSummaries = summaries;

        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(0, cli.Run("flake", "report"));
        watch.Stop();

        Assert.Equal(summaries.Count(s => s.Flakes > 0 || s.Failures > 0) + 2, cli.OutLines.Length);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    private static FlakeCli Seeded()
    {
        var cli = new FlakeCli();
        FlakeHistorySeed.Seed(cli.Store);
        return cli;
    }
}
