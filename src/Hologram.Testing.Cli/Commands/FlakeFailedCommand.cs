using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake failed --run &lt;id|last&gt; [--format filter|list]</c>: the tests whose final outcome failed in a run.</summary>
internal sealed class FlakeFailedCommand(CliContext context)
{
    /// <summary>How many recent runs are searched for a run or build id, and for the runs of the last build.</summary>
    public const int RecentRuns = 1000;

    public static Command Create(CliContext context)
    {
        var run = new Option<string>("--run") { Description = "A run id, a build id (every run of that CI build), or 'last' (the newest run and the other runs of its build)", Required = true };
        var format = new Option<string>("--format", "-f")
        {
            Description = "filter (default): a 'dotnet test --filter' expression; list: one test id per line",
            DefaultValueFactory = _ => "filter",
        };
        format.AcceptOnlyFromAmong("filter", "list");

        var command = new Command("failed", "Print a 'dotnet test --filter' expression that re-runs exactly the tests that failed in a run.") { run, format };
        command.SetAction(result => new FlakeFailedCommand(context).Execute(result.GetValue(run)!, result.GetValue(format)!));
        return command;
    }

    public int Execute(string run, string format) =>
        StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var selector = run.Trim();
            var recent = await store.GetRunsAsync(RecentRuns, cancellationToken);
            var (runIds, label, listed) = Resolve(selector, recent);
            if (runIds.Count == 0)
            {
                return context.BadInput($"{store.Description} has no runs yet");
            }

            var attempts = new List<TestAttempt>();
            foreach (var runId in runIds)
            {
                attempts.AddRange(await store.GetAttemptsAsync(runId, cancellationToken));
            }

            if (!listed && attempts.Count == 0)
            {
                return context.BadInput($"unknown run '{selector}': no such run or build id in {store.Description}");
            }

            var failed = attempts
                .Where(a => a.IsFinal && a.Outcome == TestOutcome.Failed)
                .Select(a => a.TestId)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal)
                .ToList();
            if (failed.Count == 0)
            {
                context.Error.WriteLine($"hologram: note: no test failed in {label}; nothing to re-run");
                return ExitCodes.Ok;
            }

            if (format == "list")
            {
                foreach (var id in failed)
                {
                    context.Out.WriteLine(id);
                }
            }
            else
            {
                context.Out.WriteLine(VsTestFilter.ForTests(failed));
            }

            return ExitCodes.Ok;
        });

    /// <summary>The run ids selected and how to name them: the newest run (with its build), a run id, or a build id.</summary>
    private static (IReadOnlyList<string> RunIds, string Label, bool Listed) Resolve(string selector, IReadOnlyList<RunInfo> recent)
    {
        if (selector == "last")
        {
            if (recent.Count == 0)
            {
                return ([], selector, true);
            }

            var newest = recent[0];
            return newest.BuildId is null
                ? ([newest.RunId], $"run {newest.RunId}", true)
                : (recent.Where(r => r.BuildId == newest.BuildId).Select(r => r.RunId).ToList(), $"build {newest.BuildId}", true);
        }

        if (recent.Any(r => r.RunId == selector))
        {
            return ([selector], $"run {selector}", true);
        }

        var build = recent.Where(r => r.BuildId == selector).Select(r => r.RunId).ToList();
        if (build.Count > 0)
        {
            return (build, $"build {selector}", true);
        }

        // Not among the recent runs: an older run is known if it has attempts.
        return ([selector], $"run {selector}", false);
    }
}
