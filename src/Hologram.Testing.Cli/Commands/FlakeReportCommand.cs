using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake report [--format table|json|markdown] [--days N] [--all]</c>: flaky and failing tests in a window.</summary>
internal sealed class FlakeReportCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var format = new Option<string>("--format", "-f")
        {
            Description = "table (default), json or markdown",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong("table", "json", "markdown");
        var days = FlakeWindow.CreateOption();
        var all = new Option<bool>("--all") { Description = "Every test with a result in the window, not only flaky, failing or quarantined ones" };

        var command = new Command("report", "One row per test with flakes or failures in the window (or every test with --all), most flaky first.") { format, days, all };
        command.SetAction(result => new FlakeReportCommand(context).Execute(result.GetValue(format)!, result.GetValue(days), result.GetValue(all)));
        return command;
    }

    public int Execute(string format, int? days, bool all) =>
        StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var (window, error) = FlakeWindow.Resolve(days, options);
            if (error is not null)
            {
                return context.BadInput(error);
            }

            var since = context.Time.GetUtcNow().AddDays(-window);
            var summaries = FlakeReport.WithFlakeSignatures(
                await store.GetTestSummariesAsync(since, cancellationToken),
                await store.GetFlakesAsync(since, cancellationToken: cancellationToken));
            var rows = FlakeReport.Select(summaries, await store.GetQuarantinedAsync(cancellationToken), all);
            switch (format)
            {
                case "json":
                    FlakeReport.WriteJson(context.Out, rows);
                    break;
                case "markdown":
                    WriteMarkdown(rows, window, all);
                    break;
                default:
                    WriteTable(rows, window, all);
                    break;
            }

            return ExitCodes.Ok;
        });

    private void WriteTable(IReadOnlyList<TestSummary> rows, int window, bool all)
    {
        if (rows.Count == 0)
        {
            context.Out.WriteLine(Empty(window, all));
            return;
        }

        FlakeReport.WriteTable(context.Out, rows);
        context.Out.WriteLine();
        context.Out.WriteLine(Footer(rows, window, all));
    }

    private void WriteMarkdown(IReadOnlyList<TestSummary> rows, int window, bool all)
    {
        if (rows.Count == 0)
        {
            context.Out.WriteLine(Empty(window, all));
            return;
        }

        FlakeReport.WriteMarkdown(context.Out, rows);
        context.Out.WriteLine();
        context.Out.WriteLine(Footer(rows, window, all));
    }

    private static string Empty(int window, bool all) =>
        all ? $"No test results in {FlakeText.Window(window)}." : $"No flaky, failing or quarantined tests in {FlakeText.Window(window)}.";

    private static string Footer(IReadOnlyList<TestSummary> rows, int window, bool all)
    {
        var quarantined = rows.Count(r => r.Quarantine is not null);
        var what = all ? "with results" : "flaky, failing or quarantined";
        var tests = rows.Count == 1 ? "1 test" : $"{FlakeText.Number(rows.Count)} tests";
        return $"{tests} {what} in {FlakeText.Window(window)}; {FlakeText.Number(quarantined)} quarantined.";
    }
}
