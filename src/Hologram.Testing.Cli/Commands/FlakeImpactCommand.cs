using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake impact &lt;test-id&gt; [--days N]</c>: how many runs, branches and commits a test would have broken.</summary>
internal sealed class FlakeImpactCommand(CliContext context)
{
    private const int BranchesShown = 10;

    public static Command Create(CliContext context)
    {
        var test = new Argument<string>("test") { Description = "The test id" };
        var days = FlakeWindow.CreateOption();
        var command = new Command("impact", "How many runs, branches and commits a test failed in within the window (whether or not quarantine masked it).") { test, days };
        command.SetAction(result => new FlakeImpactCommand(context).Execute(result.GetValue(test)!, result.GetValue(days)));
        return command;
    }

    public int Execute(string test, int? days)
    {
        var testId = test.Trim();
        return StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var (window, error) = FlakeWindow.Resolve(days, options);
            if (error is not null)
            {
                return context.BadInput(error);
            }

            var since = context.Time.GetUtcNow().AddDays(-window);
            var summary = (await store.GetTestSummariesAsync(since, cancellationToken)).FirstOrDefault(s => s.TestId == testId);
            if (summary is null)
            {
                var (known, _) = await KnownTests.LoadAsync(store, cancellationToken);
                if (!known.Contains(testId))
                {
                    return context.BadInput($"no recorded results for test '{testId}' in {store.Description}");
                }
            }

            var impact = await FailureImpact.MeasureAsync(store, testId, since, summary?.Failures ?? 0, cancellationToken);
            var runs = summary?.Runs ?? 0;
            context.Out.WriteLine($"{testId} in {FlakeText.Window(window)}:");
            context.Out.WriteLine($"  failed runs:  {FlakeText.Number(impact.FailedRuns)} of {FlakeText.Number(runs)}{Masked(impact)}");
            context.Out.WriteLine($"  branches:     {FlakeText.Number(impact.Branches.Count)}{BranchList(impact)}");
            context.Out.WriteLine($"  commits:      {FlakeText.Number(impact.Commits.Count)}");
            context.Out.WriteLine($"  flakes:       {FlakeText.Number(summary?.Flakes ?? 0)}");
            context.Out.WriteLine($"  quarantine:   {FlakeText.Quarantine(summary?.Quarantine)}");
            if (impact.Truncated)
            {
                context.Error.WriteLine($"hologram: note: only the newest {FlakeText.Number(FailureImpact.MaxRuns)} runs were read; use a shorter --days for exact figures");
            }

            return ExitCodes.Ok;
        });
    }

    private static string Masked(FailureImpact impact) =>
        impact.Masked > 0 ? $" ({FlakeText.Number(impact.Masked)} reported as skipped by quarantine)" : string.Empty;

    private static string BranchList(FailureImpact impact)
    {
        if (impact.Branches.Count == 0)
        {
            return string.Empty;
        }

        var shown = string.Join(", ", impact.Branches.Take(BranchesShown));
        return impact.Branches.Count > BranchesShown ? $" ({shown}, …)" : $" ({shown})";
    }
}
