using Hologram.Testing.Cli.Store;
using System.CommandLine;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram flake failed --run &lt;id|last&gt; [--format filter|mtp|list] [--framework NAME]</c>: the tests whose final outcome failed in a run.</summary>
internal sealed class FlakeFailedCommand(CliContext context)
{
    /// <summary>How many recent runs are searched for a run or build id, and for the runs of the last build.</summary>
    public const int RecentRuns = 1000;

    public static Command Create(CliContext context)
    {
        var run = new Option<string>("--run") { Description = "A run id, a build id (every run of that CI build), or 'last' (the newest run and the other runs of its build)", Required = true };
        var format = new Option<string>("--format", "-f")
        {
            Description = "filter (default): a VSTest 'dotnet test --filter' expression; mtp: Microsoft Testing Platform options in the form the framework takes "
                + "(xUnit.net v3: --filter-method …; MSTest, NUnit: --filter '…'; TUnit: --treenode-filter '…'); list: one test id per line",
            DefaultValueFactory = _ => "filter",
        };
        format.AcceptOnlyFromAmong("filter", "mtp", "list");
        var framework = new Option<string?>("--framework")
        {
            Description = "Only the tests that failed under this adapter, as recorded with the run (xunit2, xunit3, nunit, mstest, tunit)",
        };

        var command = new Command("failed", "Print a 'dotnet test --filter' expression (or MTP options) that re-runs exactly the tests that failed in a run.") { run, format, framework };
        command.SetAction(result => new FlakeFailedCommand(context).Execute(result.GetValue(run)!, result.GetValue(format)!, result.GetValue(framework)));
        return command;
    }

    public int Execute(string run, string format, string? framework = null) =>
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

            var frameworkOf = recent.ToDictionary(r => r.RunId, r => r.Framework, StringComparer.Ordinal);
            var failedTests = attempts
                .Where(a => a.IsFinal && a.Outcome == TestOutcome.Failed)
                .Select(a => new FailedTest(a.TestId, a.ClassName, frameworkOf.GetValueOrDefault(a.RunId)))
                .Where(t => framework is null || string.Equals(t.Framework, framework.Trim(), StringComparison.OrdinalIgnoreCase))
                .DistinctBy(t => t.TestId, StringComparer.Ordinal)
                .OrderBy(t => t.TestId, StringComparer.Ordinal)
                .ToList();
            var failed = failedTests.Select(t => t.TestId).ToList();
            if (failed.Count == 0)
            {
                context.Error.WriteLine($"hologram: note: no test failed{(framework is null ? string.Empty : $" under {framework.Trim()}")} in {label}; nothing to re-run");
                return ExitCodes.Ok;
            }

            if (format == "mtp")
            {
                WriteMtp(failedTests, framework);
            }
            else if (format == "list")
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

    /// <summary>
    /// One line of MTP options per filter form; tests of several frameworks need one line per form (each run against its
    /// own projects), said in a note. <paramref name="framework"/>, when given, decides the form.
    /// </summary>
    private void WriteMtp(IReadOnlyList<FailedTest> tests, string? framework)
    {
        var groups = tests.GroupBy(t => MtpFilter.FormOf(framework ?? t.Framework)).OrderBy(g => g.Key).ToList();
        foreach (var group in groups)
        {
            context.Out.WriteLine(MtpFilter.Arguments(group.Key, group.ToList(), out var exact));
            if (!exact)
            {
                context.Error.WriteLine("hologram: note: a --treenode-filter matches each level on its own, so it also re-runs tests of the listed method names in the other listed classes");
            }
        }

        if (groups.Count > 1)
        {
            var frameworks = string.Join(", ", tests.Select(t => t.Framework ?? "unknown").Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase));
            context.Error.WriteLine($"hologram: note: the failed tests ran under {frameworks}, which take different options: one line each; run each against its own test projects, or choose one with --framework");
        }
    }

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
