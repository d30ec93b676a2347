using System.Text.Json.Nodes;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.Perf;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Notify;

/// <summary>
/// The build summary as a chat message: status (red/green), totals, failures, new quarantines and perf regressions, at
/// most <see cref="MaxItems"/> lines per list; every line through the redactor. Rendered for Slack or Microsoft Teams.
/// </summary>
internal static class BuildMessage
{
    /// <summary>Lines shown per list; the rest is counted.</summary>
    public const int MaxItems = 10;

    /// <summary>The message as plain lines, redacted: both chat services show them as written.</summary>
    public static IReadOnlyList<string> Lines(ReportData data)
    {
        var history = data.History;
        var status = BuildStatuses.Of(history);
        var icon = status switch
        {
            BuildStatus.Passing => "🟢",
            BuildStatus.Flaky => "🟡",
            BuildStatus.Failing => "🔴",
            _ => "⚪",
        };
        var lines = new List<string>();
        var build = history.Latest;
        var where = build is null ? string.Empty : $" — {build.Runs[0].Run.Branch ?? "no branch"}{(build.Runs[0].Run.Commit is { } c ? " @ " + c[..Math.Min(8, c.Length)] : string.Empty)}";
        lines.Add($"{icon} Tests {BuildStatuses.Name(status)}{where} ({data.Profile})");
        if (history.Unreadable is { } problem)
        {
            lines.Add("History store unreadable: " + ReportText.OneLine(problem));
        }
        else if (build is not null)
        {
            lines.Add($"{build.Passed} passed, {build.Failed} failed ({build.QuarantinedFailures} quarantined), {build.Skipped} skipped, {build.PassedOnRetry} passed on retry");
        }

        var failures = history.Failures.Where(f => !f.Quarantined).ToList();
        List(lines, "Failures", failures.Select(f => $"{f.TestId}: {ReportText.OneLine(f.ErrorMessage ?? "failed")}").ToList());
        List(lines, "New quarantines", history.QuarantineChanges.Where(a => a.Action == "quarantined").Select(a => $"{a.TestId}: {a.Reason} ({a.By})").ToList());
        var regressions = data.Perf.Series.Where(s => s.Regression?.Verdict == PerfVerdict.Fail || s.BudgetVerdict == PerfVerdict.Fail).Select(s =>
            s.Regression is { Verdict: PerfVerdict.Fail } r
                ? $"{s.Label}: p95 ×{ReportText.Number(r.Ratio, "0.##")} of the baseline"
                : $"{s.Label}: p95 {ReportText.Number(s.Latest.P95, "0.###")} ms over the {ReportText.Number(s.BudgetMs ?? 0, "0.###")} ms budget").ToList();
        List(lines, "Perf regressions", regressions);
        return lines.Select(l => SecretRedactor.Default.Redact(l)).ToList();
    }

    /// <summary>A Slack incoming-webhook payload.</summary>
    public static string Slack(IReadOnlyList<string> lines) => new JsonObject { ["text"] = string.Join('\n', lines) }.ToJsonString();

    /// <summary>A Microsoft Teams (Workflows) webhook payload: one Adaptive Card, a text block per line.</summary>
    public static string Teams(IReadOnlyList<string> lines)
    {
        var body = new JsonArray();
        for (var i = 0; i < lines.Count; i++)
        {
            var block = new JsonObject { ["type"] = "TextBlock", ["text"] = lines[i], ["wrap"] = true };
            if (i == 0)
            {
                block["weight"] = "Bolder";
                block["size"] = "Medium";
            }

            body.Add(block);
        }

        return new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["content"] = new JsonObject
                {
                    ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
                    ["type"] = "AdaptiveCard",
                    ["version"] = "1.4",
                    ["body"] = body,
                },
            }),
        }.ToJsonString();
    }

    private static void List(List<string> lines, string title, List<string> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        lines.Add($"{title} ({items.Count}):");
        lines.AddRange(items.Take(MaxItems).Select(i => "• " + i));
        if (items.Count > MaxItems)
        {
            lines.Add($"… and {items.Count - MaxItems} more");
        }
    }
}
