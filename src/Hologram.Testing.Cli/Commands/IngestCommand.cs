using System.CommandLine;
using System.Globalization;
using Hologram.Testing.Cli.Ingest;
using Hologram.Testing.Cli.Store;
using Hologram.Testing.History;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram ingest &lt;file&gt;…</c>: loads TRX and JUnit XML results of any runner into the history, one run per
/// file, through the recorder and end-of-run policy a hooked test run uses. Every file is read whole before anything is
/// recorded: one bad file records nothing.
/// </summary>
internal sealed class IngestCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("files") { Description = "TRX (--logger trx, --report-trx) or JUnit XML files", Arity = ArgumentArity.OneOrMore };
        var command = new Command("ingest", "Load TRX and JUnit XML results of any test runner into the history, one run per file; loading a file again adds nothing.") { files };
        command.SetAction(result => new IngestCommand(context).Execute(result.GetValue(files)!));
        return command;
    }

    public int Execute(IReadOnlyList<string> files)
    {
        // An option the parser does not know arrives as a file name: report it as the option it is.
        if (files.FirstOrDefault(f => f.StartsWith('-')) is { } option)
        {
            return context.BadInput($"unknown option {option} of 'hologram ingest'; see 'hologram ingest --help'");
        }

        var options = HologramConfiguration.Load(context.ConfigurationSource);
        if (StoreSession.IsOff(options))
        {
            return context.BadInput("ingest needs a history store, and Store is 'none'");
        }

        if (StoreSession.CheckSetting(options) is { } problem)
        {
            return context.BadInput(problem);
        }

        var defaults = new ResultFileReader.RunDefaults(options.Profile, RunMetadata.Detect(options.Environment, options.RepositoryRoot));
        var read = new List<ResultFile>(files.Count);
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file, context.CurrentDirectory);
            if (!File.Exists(path))
            {
                return context.BadInput(Directory.Exists(path) ? $"{file}: is a directory, not a results file" : $"{file}: no such file");
            }

            try
            {
                read.Add(ResultFileReader.Read(path, file, defaults));
            }
            catch (ResultFileException ex)
            {
                return context.BadInput(ex.Message);
            }
        }

        return RecordAsync(options, read).GetAwaiter().GetResult();
    }

    private async Task<int> RecordAsync(HologramOptions options, List<ResultFile> files)
    {
        var spooled = false;
        foreach (var file in files)
        {
            // The run's clock stands at the file's end: the run ends then, and the quarantine window is counted from it.
            var session = TestRunSession.StartRecorded(options, file.Run, line =>
            {
                spooled = true;
                context.Error.WriteLine(line);
            }, new FixedClock(file.Run.EndedAt ?? file.Run.StartedAt));
            await using (session)
            {
                foreach (var attempt in file.Attempts)
                {
                    session.Record(attempt);
                }

                foreach (var (testId, signature) in file.PassedOnRetry)
                {
                    session.RecordPassedOnRetry(testId, signature);
                }
            }

            var finals = file.Attempts.Where(a => a.IsFinal).ToList();
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file.Path}: {file.Format} run {file.Run.RunId}, {finals.Count} tests ({finals.Count(a => a.Outcome == TestOutcome.Passed)} passed, "
                + $"{finals.Count(a => a.Outcome == TestOutcome.Failed)} failed, {finals.Count(a => a.Outcome == TestOutcome.Skipped)} skipped), "
                + $"{file.Attempts.Count} attempts, {file.PassedOnRetry.Count} passed on retry"));
        }

        // The store could not take them: the results are in the spool, and a later `hologram flake ingest` loads them.
        return spooled ? ExitCodes.Unreadable : ExitCodes.Ok;
    }

    /// <summary>A clock that stands still at one time.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
