using System.CommandLine;
using System.CommandLine.Parsing;
using Hologram.Testing.Cli.Commands;

namespace Hologram.Testing.Cli;

/// <summary>The <c>hologram</c> command line: parses arguments and dispatches to the commands.</summary>
internal sealed class HologramCli(CliContext original)
{
    public int Run(IReadOnlyList<string> args)
    {
        // Every line a command prints passes the one output rule: no control or bidi character reaches the terminal raw.
        var context = original with { Out = VisibleTextWriter.Wrap(original.Out), Error = VisibleTextWriter.Wrap(original.Error) };
        try
        {
            return Run(context, args);
        }
        finally
        {
            context.Out.Flush();
            context.Error.Flush();
        }
    }

    /// <summary>The whole command tree, every command bound to <paramref name="context"/>.</summary>
    internal static RootCommand CreateRoot(CliContext context)
    {
        var root = new RootCommand("Hologram.Testing: profiles, configuration, reports and gates for .NET test suites.");
        root.Subcommands.Add(ProfileCommand.Create(context));
        root.Subcommands.Add(ConfigCommand.Create(context));
        root.Subcommands.Add(FlakeCommand.Create(context));
        root.Subcommands.Add(SecretsCommand.Create(context));
        root.Subcommands.Add(VerifyCommand.Create(context));
        root.Subcommands.Add(ShardCommand.Create(context));
        root.Subcommands.Add(PerfCommand.Create(context));
        root.Subcommands.Add(E2ECommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(SummaryCommand.Create(context));
        root.Subcommands.Add(BadgeCommand.Create(context));
        root.Subcommands.Add(MetricsCommand.Create(context));
        root.Subcommands.Add(DoctorCommand.Create(context));
        root.Subcommands.Add(StoreCommand.Create(context));
        root.Subcommands.Add(IngestCommand.Create(context));
        root.Subcommands.Add(NotifyCommand.Create(context));
        return root;
    }

    private static int Run(CliContext context, IReadOnlyList<string> args)
    {
        var result = CreateRoot(context).Parse(args);
        if (result.Errors.Count > 0)
        {
            // An unknown command also yields "Required command was not provided"; report the unknown token instead.
            var unmatched = result.UnmatchedTokens.Count > 0 ? result.UnmatchedTokens[0] : null;
            var error = result.Errors.FirstOrDefault(e => unmatched is not null && e.Message.Contains($"'{unmatched}'", StringComparison.Ordinal));
            return context.BadInput(error?.Message ?? MissingArgument(result) ?? result.Errors[0].Message);
        }

        try
        {
            return result.Invoke(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (HologramConfigurationException ex)
        {
            return context.BadInput(ex.Message);
        }
        catch (InvalidDataException ex)
        {
            // A file the command reads is not what it should be (a malformed perf record or baseline): the message names it.
            return context.BadInput(ex.Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return context.BadInput(ex.Message);
        }
    }

    /// <summary>
    /// "missing argument &lt;name&gt; of 'hologram …'" when a required argument is absent: the parser's own message names
    /// only the command.
    /// </summary>
    private static string? MissingArgument(ParseResult result)
    {
        var command = result.CommandResult;
        var missing = command.Command.Arguments.FirstOrDefault(a =>
            a.Arity.MinimumNumberOfValues > 0 && (command.GetResult(a) is not { } given || given.Tokens.Count < a.Arity.MinimumNumberOfValues));
        if (missing is null)
        {
            return null;
        }

        var path = new List<string>();
        for (var node = (SymbolResult?)command; node is CommandResult { } c; node = c.Parent)
        {
            path.Insert(0, c.Parent is null ? "hologram" : c.Command.Name);
        }

        return $"missing argument <{missing.Name}> of '{string.Join(' ', path)}'; see '{string.Join(' ', path)} --help'";
    }
}
