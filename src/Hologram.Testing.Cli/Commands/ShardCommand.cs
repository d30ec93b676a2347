using Hologram.Testing.Cli.Store;
using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram shard plan --shards N [--days D] [--out FILE]</c>: balances the suite over N shards by recorded durations
/// and writes <c>reports/shard_plan.json</c>, which every shard job of a build then reads.
/// </summary>
internal sealed class ShardCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var shards = new Option<int>("--shards") { Description = "Number of shards (the n of HOLOGRAM_SHARD=i/n)", Required = true };
        var days = new Option<int>("--days") { Description = "Use durations recorded in the last D days", DefaultValueFactory = _ => 14 };
        var output = new Option<string?>("--out") { Description = $"Where to write the plan (default: <reports>/{ReportsLayout.ShardPlanFileName})" };
        var plan = new Command("plan", "Balance tests over shards by their recorded durations and write the shard plan.") { shards, days, output };
        plan.SetAction(result => new ShardCommand(context).Plan(result.GetValue(shards), result.GetValue(days), result.GetValue(output)));
        return new Command("shard", "Shard plans for spreading one suite over several CI machines.") { plan };
    }

    public int Plan(int shards, int days, string? output)
    {
        if (shards < 1)
        {
            return context.BadInput($"--shards must be at least 1, not {shards.ToString(CultureInfo.InvariantCulture)}");
        }

        if (days < 1)
        {
            return context.BadInput($"--days must be at least 1, not {days.ToString(CultureInfo.InvariantCulture)}");
        }

        var outputPath = output is null ? null : Path.GetFullPath(output, context.CurrentDirectory);
        if (outputPath is not null && Directory.Exists(outputPath))
        {
            return context.BadInput($"--out {outputPath} is a directory; give the plan file's path");
        }

        return StoreSession.Run(context, async (options, store, cancellationToken) =>
        {
            var now = context.Time.GetUtcNow();
            var durations = await store.GetTestDurationsAsync(now.AddDays(-days), cancellationToken);
            var path = outputPath ?? Path.GetFullPath(ReportsLayout.For(options).ShardPlan);
            if (durations.Count == 0)
            {
                context.Error.WriteLine($"hologram: note: no recorded durations in the last {days} days; shards keep the stable hash split and no plan is written");
                return ExitCodes.Ok;
            }

            var plan = ShardPlan.Create(durations, shards, now);
            plan.Save(path);
            context.Out.WriteLine($"Wrote {path}: {FlakeText.Number(durations.Count)} tests over {shards} shards");
            for (var i = 0; i < shards; i++)
            {
                var tests = plan.Assignments.Count(a => a.Value == i + 1);
                context.Out.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  shard {i + 1}/{shards}: {tests,6} tests, {plan.EstimatedMs[i] / 1000,9:0.0} s recorded"));
            }

            return ExitCodes.Ok;
        });
    }
}
