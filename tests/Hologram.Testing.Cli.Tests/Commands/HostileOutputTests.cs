using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Cli.Tests.Reporting;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests.Commands;

/// <summary>Control and bidi characters from recorded test names and messages never reach a file or the terminal raw.</summary>
public sealed class HostileOutputTests
{
    private const string Id = "App.Tests.Evil.Name\u202Egnp.exe";

    private const string Message = "boom \u001b[31mred\u001b[0m nul\0 \u202Ereversed <script>x</script> &lt;y&gt; `code` | pipe\rover";

    [Fact]
    public async Task Summary_report_and_flake_report_show_hidden_characters_visibly()
    {
        using var fixture = await ReportFixture.CreateAsync(history: false, perf: false, chaos: false, e2e: false);
        await using (var store = await HistoryStores.OpenAsync("sqlite:" + fixture.StoreFile, fixture.Root))
        {
            var started = ReportFixture.Now.AddMinutes(-10);
            await store.BeginRunAsync(new RunInfo { RunId = "r1", Profile = "pr", Host = "h", Framework = "xunit2", Assembly = "App.Tests", StartedAt = started, Branch = "main\u001b]0;title\u0007" });
            await store.AppendAttemptsAsync(
            [
                new TestAttempt { RunId = "r1", TestId = Id, DisplayName = "Name\u202Egnp.exe", ClassName = "App.Tests.Evil", Attempt = 1, Outcome = TestOutcome.Failed, DurationMs = 3, IsFinal = false, ErrorMessage = Message, ErrorSignature = "sig\u001b[2J", FinishedAt = started },
                new TestAttempt { RunId = "r1", TestId = Id, DisplayName = "Name\u202Egnp.exe", ClassName = "App.Tests.Evil", Attempt = 2, Outcome = TestOutcome.Failed, DurationMs = 3, IsFinal = true, ErrorMessage = Message, ErrorSignature = "sig\u001b[2J", FinishedAt = started },
            ]);
            await store.AddFlakesAsync([new FlakeEvent { TestId = Id, RunId = "r1", Kind = FlakeKind.PassedOnRetry, DetectedAt = started, ErrorSignature = "flake\u202Esig" }]);
            await store.EndRunAsync("r1", started.AddMinutes(1));
        }

        Assert.Equal(0, fixture.Run("summary"));
        NoHidden(fixture.Out);
        Assert.Contains("Name\\u202egnp.exe", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("boom \\\\u001b\\[31mred\\\\u001b\\[0m nul\\\\u0000", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", fixture.Out, StringComparison.Ordinal);
        Assert.Contains("branch `main\\u001b]0;title\\u0007`", fixture.Out, StringComparison.Ordinal);

        Assert.Equal(0, fixture.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        NoHidden(html);
        Assert.Contains("boom \\u001b[31mred\\u001b[0m nul\\u0000 \\u202ereversed &lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);

        foreach (var (format, shown) in new[] { ("table", "flake\\u202esig"), ("markdown", "flake\\\\u202esig"), ("json", "flake\\u202Esig") })
        {
            Assert.Equal(0, fixture.Run("flake", "report", "--format", format));
            NoHidden(fixture.Out);
            Assert.Contains(shown, fixture.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Flake_report_shows_the_signature_the_summary_shows()
    {
        using var fixture = await ReportFixture.CreateAsync();

        Assert.Equal(0, fixture.Run("summary"));
        var summaryRow = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("| `App.Tests.Search.Ranks_exact_first` | passed on retry", StringComparison.Ordinal));
        Assert.Contains("| Timeout after &lt;n&gt; ms |", summaryRow, StringComparison.Ordinal);

        Assert.Equal(0, fixture.Run("flake", "report"));
        var row = Assert.Single(fixture.Out.Split('\n'), l => l.StartsWith("App.Tests.Search.Ranks_exact_first ", StringComparison.Ordinal));
        Assert.Contains("Timeout after <n> ms", row, StringComparison.Ordinal);

        Assert.Equal(0, fixture.Run("report"));
        var html = await File.ReadAllTextAsync(Path.Combine(fixture.Reports, "index.html"));
        Assert.Contains("Timeout after &lt;n&gt; ms", html, StringComparison.Ordinal);
    }

    private static void NoHidden(string text)
    {
        var hidden = text.Select((c, i) => (c, i)).Where(p => ReportText.IsHidden(p.c) && !(p.c == '\r' && p.i + 1 < text.Length && text[p.i + 1] == '\n')).ToList();
        Assert.True(hidden.Count == 0, $"raw hidden characters: {string.Join(", ", hidden.Take(5).Select(p => $"U+{(int)p.c:X4} at {p.i}: …{text.Substring(Math.Max(0, p.i - 30), Math.Min(60, text.Length - Math.Max(0, p.i - 30)))}…"))}");
    }
}
