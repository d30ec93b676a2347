using Spectre.Console;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Progress for long work: a status line on an interactive terminal (on standard error), nothing when redirected or under CI.</summary>
internal static class CliProgress
{
    /// <summary>Runs <paramref name="work"/>, showing each stage it reports when <see cref="CliContext.Interactive"/>.</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string title, Func<Action<string>, Task<T>> work)
    {
        if (!context.Interactive)
        {
            return await work(_ => { }).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Status().StartAsync(title, async status =>
            await work(stage => status.Status($"{title}: {Markup.Escape(stage)}")).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
