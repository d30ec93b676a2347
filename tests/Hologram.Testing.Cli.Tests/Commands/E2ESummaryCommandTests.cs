using System.Text.Json;
using Xunit;

namespace Hologram.Testing.Cli.Tests.Commands;

public sealed class E2ESummaryCommandTests
{
    private static string Line(string run, string test, string step, string status, double? ms, string? error = null) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ts"] = "2025-05-01T10:00:00.000Z",
            ["run_id"] = run,
            ["test"] = test,
            ["step"] = step,
            ["status"] = status,
            ["duration_ms"] = ms,
            ["data"] = error is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["error"] = error },
        });

    private static string WriteLog(CliRun cli, params string[] lines)
    {
        var directory = Path.Combine(cli.Root, "reports", "e2e");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "events.jsonl");
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    [Fact]
    public void Prints_per_step_counts_and_percentiles_from_the_default_log()
    {
        using var cli = new CliRun();
        WriteLog(
            cli,
            [.. Enumerable.Range(1, 10).Select(i => Line("r1", "T", "add", "pass", i * 10)),
             Line("r1", "T", "search", "skip", 1), Line("r1", "T", "search", "pass", 5)]);

        Assert.Equal(0, cli.Run("e2e", "summary"));

        Assert.Contains("12 events, 1 runs, 0 failed steps", cli.Out, StringComparison.Ordinal);
        var add = cli.OutLines.Single(l => l.StartsWith("add ", StringComparison.Ordinal));
        Assert.Equal(["add", "10", "10", "0", "0", "55", "95.5"], add.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var search = cli.OutLines.Single(l => l.StartsWith("search ", StringComparison.Ordinal));
        Assert.Equal(["search", "2", "1", "0", "1", "3", "4.8"], search.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(cli.Error);
    }

    [Fact]
    public void Failures_are_listed_and_exit_1()
    {
        using var cli = new CliRun();
        WriteLog(cli, Line("r1", "Pipeline", "publish", "fail", 12, "HttpRequestException: 503"), Line("r1", "Pipeline", "add", "pass", 3));

        Assert.Equal(1, cli.Run("e2e", "summary"));

        Assert.Contains("failures:", cli.Out, StringComparison.Ordinal);
        Assert.Contains("Pipeline / publish: HttpRequestException: 503", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_can_be_selected_and_latest_means_the_last_one()
    {
        using var cli = new CliRun();
        var path = WriteLog(cli, Line("old", "T", "add", "fail", 1, "boom"), Line("new", "T", "add", "pass", 2));

        Assert.Equal(0, cli.Run("e2e", "summary", "--run", "latest", "--file", path));
        Assert.Contains("(run new)", cli.Out, StringComparison.Ordinal);
        Assert.Equal(1, cli.Run("e2e", "summary", "--run", "old", "--file", path));
    }

    [Fact]
    public void Json_and_markdown_formats()
    {
        using var cli = new CliRun();
        WriteLog(cli, Line("r1", "T", "add", "pass", 2), "not json", Line("r1", "T", "add", "fail", 4, "x"));

        Assert.Equal(1, cli.Run("e2e", "summary", "--format", "json"));
        using var json = JsonDocument.Parse(cli.Out);
        Assert.Equal(1, json.RootElement.GetProperty("malformed_lines").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("steps")[0].GetProperty("total").GetInt32());
        Assert.Equal("x", json.RootElement.GetProperty("failures")[0].GetProperty("error").GetString());

        Assert.Equal(1, cli.Run("e2e", "summary", "--format", "markdown"));
        Assert.Contains("| add | 2 | 1 | 1 | 0 | 3 | 3.9 |", cli.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_log_is_bad_input_with_one_line()
    {
        using var cli = new CliRun();

        Assert.Equal(2, cli.Run("e2e", "summary"));

        ProfileCommandTests.AssertOneErrorLine(cli, "no E2E event log at");
    }

    [Fact]
    public void An_unknown_format_is_bad_input()
    {
        using var cli = new CliRun();
        Assert.Equal(2, cli.Run("e2e", "summary", "--format", "xml"));
        ProfileCommandTests.AssertOneErrorLine(cli, "'xml'");
    }

    [Fact]
    public void An_unknown_run_is_bad_input_not_an_empty_pass()
    {
        using var cli = new CliRun();
        WriteLog(cli, Line("r1", "T", "add", "fail", 10, "boom"));

        Assert.Equal(2, cli.Run("e2e", "summary", "--run", "r-typo"));

        Assert.StartsWith("hologram: no events of run 'r-typo' in ", cli.Error, StringComparison.Ordinal);
        Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("", "holds no E2E events")]
    [InlineData("{\n[1,\n{\"name\":5}\n", "holds no E2E events (3 malformed lines)")]
    [InlineData("\0\0\0\n", "holds no E2E events (1 malformed lines)")]
    public void A_log_without_one_event_is_bad_input_not_an_empty_pass(string content, string problem)
    {
        using var cli = new CliRun();
        var path = Path.Combine(cli.Root, "events.jsonl");
        File.WriteAllText(path, content);

        Assert.Equal(2, cli.Run("e2e", "summary", "--file", "events.jsonl"));

        Assert.Equal($"hologram: {path} {problem}", Assert.Single(cli.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(cli.Out);
    }

    [Fact]
    public void Markdown_escapes_pipes_backticks_and_html_in_step_names_tests_and_errors()
    {
        using var cli = new CliRun();
        WriteLog(
            cli,
            Line("r1", "T`x`", "add | <b>bold</b> `tick`", "pass", 10),
            Line("r1", "Pipe|Test", "search ``two``", "fail", 5, "503 <script>alert(1)</script> | a `b` &lt;c&gt;"));

        Assert.Equal(1, cli.Run("e2e", "summary", "--format", "markdown"));

        var lines = cli.OutLines;
        Assert.Contains("| add \\| &lt;b&gt;bold&lt;/b&gt; \\`tick\\` | 1 | 1 | 0 | 0 | 10 | 10 |", lines);
        Assert.Contains("| search \\`\\`two\\`\\` | 1 | 0 | 1 | 0 | 5 | 5 |", lines);
        Assert.Contains("- `Pipe|Test` / ``` search ``two`` ```: 503 &lt;script&gt;alert(1)&lt;/script&gt; \\| a \\`b\\` &amp;lt;c&amp;gt;", lines);
        Assert.DoesNotContain("<b>", cli.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", cli.Out, StringComparison.Ordinal);
        Assert.All(lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal)), l => Assert.Equal(8, System.Text.RegularExpressions.Regex.Count(l, @"(?<!\\)\|")));
    }
}
