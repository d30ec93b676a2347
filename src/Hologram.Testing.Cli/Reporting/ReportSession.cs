using System.CommandLine;
using Hologram.Testing.Cli.Store;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>The options shared by the commands that read every report source, and the one way they load the data.</summary>
internal static class ReportSession
{
    public static Option<int> RunsOption() => new("--runs")
    {
        Description = "How many recent runs the trend covers (default 100)",
        DefaultValueFactory = _ => 100,
    };

    public static Option<int?> DaysOption() => new("--days", "-d")
    {
        Description = "Days of flake history considered (default: Flake:WindowDays, 7)",
    };

    /// <summary>
    /// The exit code once the output is written: <see cref="ExitCodes.Unreadable"/> with one <c>hologram:</c> line on
    /// standard error when the history store could not be read (the output says the status is unknown), else 0.
    /// </summary>
    public static int Finish(CliContext context, ReportData data)
    {
        if (data.History.Unreadable is not { } problem)
        {
            return ExitCodes.Ok;
        }

        context.Error.WriteLine($"hologram: {ReportText.OneLine(problem)}; the status is unknown");
        return ExitCodes.Unreadable;
    }

    /// <summary>Validates the options, loads the configuration and every source; a bad option is one <c>hologram:</c> line.</summary>
    public static (ReportData? Data, HologramOptions? Options, int? Error) Load(CliContext context, int runs, int? days, string title)
    {
        if (runs < 1)
        {
            return (null, null, context.BadInput($"--runs must be at least 1, got {runs}"));
        }

        if (days is < 1)
        {
            return (null, null, context.BadInput($"--days must be at least 1, got {days}"));
        }

        var options = HologramConfiguration.Load(context.ConfigurationSource);
        if (StoreSession.CheckSetting(options) is { } problem)
        {
            return (null, null, context.BadInput(problem));
        }

        var report = new ReportOptions { TrendRuns = runs, WindowDays = days };
        var data = CliProgress.RunAsync(context, title, stage => ReportDataLoader.LoadAsync(options, context.History, context.Time, report, stage))
            .GetAwaiter().GetResult();
        return (data, options, null);
    }
}
