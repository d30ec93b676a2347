using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace Hologram.Testing.Cli.Tests;

/// <summary>
/// Every command of the tool, taken from the command tree itself, against bad input: unknown flags, missing and
/// malformed values, missing, empty, malformed and binary files, and a store that cannot be read. Bad input exits 2 with
/// one line on standard error naming what is wrong; data that cannot be read exits 1 or 2, never 0; never a stack trace.
/// </summary>
public sealed partial class HologramCliBadInputTests(ITestOutputHelper output)
{
    /// <summary>What a path option or argument holds, by name; every other string option is plain text.</summary>
    private static readonly Dictionary<string, PathKind> PathKinds = new(StringComparer.Ordinal)
    {
        ["--file"] = PathKind.JsonLines,
        ["--baseline"] = PathKind.Json,
        ["--candidate"] = PathKind.Json,
        ["--spool-dir"] = PathKind.Directory,
        ["--out"] = PathKind.Output,
        ["--note"] = PathKind.Output,
        ["file"] = PathKind.ProofChain,
        ["paths"] = PathKind.ScanPath,
        ["backup-file"] = PathKind.Output,
        ["files"] = PathKind.Json,
    };

    /// <summary>Path options whose kind differs in one command, by "command option".</summary>
    private static readonly Dictionary<string, PathKind> CommandPathKinds = new(StringComparer.Ordinal)
    {
        ["secrets allow --baseline"] = PathKind.JsonOrNew,
    };

    /// <summary>String options and arguments that are not paths (a new one must be added here or to <see cref="PathKinds"/>).</summary>
    private static readonly HashSet<string> TextValues = new(StringComparer.Ordinal)
    {
        "--run", "--label", "--endpoint", "--link", "--reason", "--until", "--by", "--framework", "--key-env", "--service",
        "--format", "--branch", "test", "name", "format", "--to", "--webhook",
    };

    /// <summary>Valid values of required arguments that have no list of allowed values.</summary>
    private static readonly Dictionary<string, string> ArgumentValues = new(StringComparer.Ordinal)
    {
        ["test"] = "Some.Tests.Sample",
        ["name"] = "ci",
        ["paths"] = "valid-input",
    };

    /// <summary>Valid values of required options.</summary>
    private static readonly Dictionary<string, string> RequiredOptionValues = new(StringComparer.Ordinal)
    {
        ["--reason"] = "flaky",
        ["--run"] = "latest",
        ["--shards"] = "2",
        ["--baseline"] = "new-baseline.json",
        ["--to"] = "sqlite:copy.db",
        ["--webhook"] = "http://127.0.0.1:9/hook",
    };

    /// <summary>
    /// Commands whose verdict on what they check is exit 1 with the finding on standard output: <c>doctor</c> reports a bad
    /// configuration or store as a failed check; <c>verify</c> reports a malformed record as the first bad record of the chain.
    /// </summary>
    private static readonly Dictionary<string, string[]> GateCases = new(StringComparer.Ordinal)
    {
        ["doctor"] = ["hologram.json", "store"],
        ["verify"] = ["file '{'", "file '[1,'", "file wrong shape", "file binary", "file NUL bytes"],
    };

    /// <summary>Commands that never read <c>hologram.json</c>.</summary>
    private static readonly HashSet<string> WithoutConfiguration = new(StringComparer.Ordinal) { "verify", "secrets scan", "secrets allow" };

    /// <summary>Commands that read the history store.</summary>
    private static readonly HashSet<string> StoreReaders = new(StringComparer.Ordinal)
    {
        "flake report", "flake export", "flake failed", "flake impact", "flake quarantine", "flake unquarantine", "flake ingest",
        "shard plan", "report", "summary", "badge", "metrics", "doctor", "store stats", "store prune", "store backup", "store copy",
    };

    /// <summary>Commands that read the perf samples under <c>reports/perf/samples/</c>.</summary>
    private static readonly HashSet<string> PerfReaders = new(StringComparer.Ordinal) { "perf baseline", "perf compare", "perf check" };

    private enum PathKind
    {
        Json,
        JsonLines,
        ProofChain,
        ScanPath,
        Directory,

        /// <summary>A JSON file the command creates when it is missing.</summary>
        JsonOrNew,
        Output,
    }

    [Fact]
    public void Every_command_exits_2_with_one_line_on_bad_input_and_never_0_on_unreadable_data()
    {
        var cases = Cases().ToList();
        var rows = cases.Select(Run).ToList();

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{"command",-20} {"case",-44} {"exit",4} {"stderr",6}  verdict");
        foreach (var row in rows)
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{row.Case.Command,-20} {row.Case.Name,-44} {row.Exit,4} {row.ErrorLines,6}  {row.Verdict}");
        }

        var failing = rows.Where(r => r.Verdict != "ok").ToList();
        table.AppendLine(CultureInfo.InvariantCulture, $"cases: {rows.Count}, passing: {rows.Count - failing.Count}, failing: {failing.Count}");
        output.WriteLine(table.ToString());

        Assert.True(rows.Select(r => r.Case.Command).Distinct().Count() >= 20, "the command tree yields every command");
        Assert.True(failing.Count == 0, string.Join('\n', failing.Select(f => $"{f.Case.Command} {f.Case.Name}: {f.Verdict}")));
    }

    [Fact]
    public void The_table_finds_a_stack_trace_a_second_line_and_a_green_exit()
    {
        var badInput = new Case("x", "y", [], Expect.BadInput, "--flag", null);
        Assert.Equal("ok", Verdict(badInput, 2, "hologram: unknown option --flag\n", string.Empty));
        Assert.Contains("exit 0", Verdict(badInput, 0, string.Empty, string.Empty), StringComparison.Ordinal);
        Assert.Contains("2 lines", Verdict(badInput, 2, "hologram: --flag\nmore\n", string.Empty), StringComparison.Ordinal);
        Assert.Contains("stack trace", Verdict(badInput, 2, "hologram: --flag\n   at X.Y()\n", string.Empty), StringComparison.Ordinal);
        Assert.Contains("stack trace", Verdict(badInput, 2, "System.Text.Json.JsonException: --flag\n", string.Empty), StringComparison.Ordinal);
        Assert.Contains("does not name", Verdict(badInput, 2, "hologram: something\n", string.Empty), StringComparison.Ordinal);

        var unreadable = new Case("x", "y", [], Expect.Unreadable, "store", null);
        Assert.Equal("ok", Verdict(unreadable, 1, "hologram: store is corrupt\n", "## ❓ unknown"));
        Assert.Contains("exit 0", Verdict(unreadable, 0, string.Empty, "fine"), StringComparison.Ordinal);
        Assert.Contains("green", Verdict(unreadable, 1, "hologram: store\n", "✅ Tests passing"), StringComparison.Ordinal);
    }

    private IEnumerable<Case> Cases()
    {
        using var run = new CliRun();
        foreach (var (path, command) in Leaves(HologramCli.CreateRoot(new CliContext(TextWriter.Null, TextWriter.Null, run.Environment, run.Root)), []))
        {
            var name = string.Join(' ', path);
            var arguments = command.Arguments.ToList();
            var options = command.Options.Where(o => o.Name is not ("--help" or "--version") && !o.Aliases.Contains("-h")).ToList();
            foreach (var symbol in arguments.Cast<Symbol>().Concat(options))
            {
                Assert.True(
                    PathKinds.ContainsKey(symbol.Name) || TextValues.Contains(symbol.Name) || ValueType(symbol) != typeof(string),
                    $"{name} {symbol.Name}: add it to PathKinds or TextValues");
            }

            // The arguments a valid invocation needs: the first allowed value, a value from the table, or a file to read.
            var given = arguments.Where(a => a.Arity.MinimumNumberOfValues > 0 || ArgumentValues.ContainsKey(a.Name)).ToList();
            var requiredOptions = options.Where(o => o.Required).ToList();
            string[] Base(Func<Argument, string?>? replace = null, Option? without = null, Argument? omit = null) =>
            [
                .. path,
                .. given.Where(a => a != omit).Select(a => replace?.Invoke(a) ?? ValidValue(name, a)),
                .. requiredOptions.Where(o => o != without).SelectMany(o => new[] { o.Name, RequiredOptionValues[o.Name] }),
            ];

            yield return new(name, "unknown flag", [.. Base(), "--no-such-flag"], Expect.BadInput, "--no-such-flag", null);

            foreach (var argument in arguments.Where(a => a.Arity.MinimumNumberOfValues > 0))
            {
                yield return new(name, $"missing argument <{argument.Name}>", Base(omit: argument), Expect.BadInput, argument.Name, null);
                if (Allowed(argument).Count > 0 && ValueType(argument) == typeof(string))
                {
                    yield return new(name, $"<{argument.Name}> not allowed", Base(a => a == argument ? "no-such-value" : null), Expect.BadInput, "no-such-value", null);
                }
            }

            foreach (var option in options)
            {
                var type = ValueType(option);
                if (type == typeof(bool))
                {
                    yield return new(name, $"{option.Name} with a value", [.. Base(), $"{option.Name}:maybe"], Expect.BadInput, $"maybe|{option.Name}", null);
                    continue;
                }

                if (option.Required)
                {
                    yield return new(name, $"missing option {option.Name}", Base(without: option), Expect.BadInput, option.Name, null);
                }

                yield return new(name, $"{option.Name} without a value", [.. Base(without: option), option.Name], Expect.BadInput, option.Name, null);
                if (Allowed(option).Count > 0)
                {
                    yield return new(name, $"{option.Name} not allowed", [.. Base(without: option), option.Name, "no-such-value"], Expect.BadInput, "no-such-value", null);
                }

                if (type == typeof(int) || type == typeof(double))
                {
                    var values = type == typeof(int) ? new[] { "abc", "1.5", "99999999999", "0", "-1" } : ["abc", "0", "-1", "NaN", "Infinity", "1e400"];
                    foreach (var value in values)
                    {
                        yield return new(name, $"{option.Name} {value}", [.. Base(without: option), option.Name, value], Expect.BadInput, option.Name, null);
                    }
                }
            }

            foreach (var (symbol, kind) in arguments.Cast<Symbol>().Concat(options).Where(s => PathKinds.ContainsKey(s.Name))
                .Select(s => (s, CommandPathKinds.TryGetValue($"{name} {s.Name}", out var special) ? special : PathKinds[s.Name])))
            {
                string[] With(string value) => symbol is Argument argument
                    ? Base(a => a == argument ? value : null)
                    : [.. Base(without: symbol as Option), symbol.Name, value];
                foreach (var (caseName, file) in Files(kind))
                {
                    yield return new(name, $"{symbol.Name} {caseName}", With(file.Name), Expect.BadInput, file.Name, file);
                }
            }

            if (!WithoutConfiguration.Contains(name))
            {
                foreach (var (caseName, content) in ConfigFiles())
                {
                    yield return new(name, $"hologram.json {caseName}", Base(), Expect.BadInput, "hologram.json", new InputFile("hologram.json", content));
                }
            }

            if (PerfReaders.Contains(name))
            {
                foreach (var (caseName, content) in MalformedJson())
                {
                    yield return new(name, $"perf sample {caseName}", Base(), Expect.BadInput, "broken.json", new InputFile("reports/perf/samples/broken.json", content));
                }
            }

            if (StoreReaders.Contains(name))
            {
                yield return new(name, "store bogus://x", Base(), Expect.BadInput, "bogus://x", null) { Store = "bogus://x" };
                yield return new(name, "store sqlite:<corrupt file>", Base(), Expect.Unreadable, "corrupt.db", new InputFile("corrupt.db", Corrupt())) { Store = "sqlite:corrupt.db" };
                yield return new(name, "store sqlite:<a directory>", Base(), Expect.Unreadable, "store-dir", new InputFile("store-dir/", null)) { Store = "sqlite:store-dir" };
            }
        }
    }

    private static IEnumerable<(string Name, InputFile File)> Files(PathKind kind)
    {
        if (kind is not (PathKind.Output or PathKind.JsonOrNew))
        {
            yield return ("missing", new InputFile("missing.json", null, Create: false));
        }

        if (kind == PathKind.ScanPath)
        {
            yield break;
        }

        if (kind == PathKind.Directory)
        {
            yield return ("is a file", new InputFile("a-file.txt", "text"u8.ToArray()));
            yield break;
        }

        yield return ("is a directory", new InputFile("a-dir/", null));
        if (kind == PathKind.Output)
        {
            yield break;
        }

        foreach (var (name, content) in MalformedJson())
        {
            yield return (name, new InputFile("input.json", content));
        }
    }

    private static IEnumerable<(string Name, byte[] Content)> MalformedJson()
    {
        yield return ("empty", []);
        yield return ("'{'", "{"u8.ToArray());
        yield return ("'[1,'", "[1,"u8.ToArray());
        yield return ("wrong shape", """{"name":5}"""u8.ToArray());
        yield return ("binary", Random());
        yield return ("NUL bytes", new byte[64]);
    }

    /// <summary>Malformed <c>hologram.json</c> files: other top-level keys than <c>Hologram</c> are ignored, so the shapes are wrong under it.</summary>
    private static IEnumerable<(string Name, byte[] Content)> ConfigFiles() =>
        MalformedJson()
            .Select(c => c.Name == "wrong shape" ? (c.Name, """{"Hologram":{"name":5}}"""u8.ToArray()) : c)
            .Append(("not an object", """{"Hologram":5}"""u8.ToArray()));

    private static byte[] Random()
    {
        var bytes = new byte[512];
        new Random(16).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A file that starts like a SQLite database and is garbage after the header.</summary>
    private static byte[] Corrupt()
    {
        var bytes = new byte[8192];
        new Random(7).NextBytes(bytes);
        "SQLite format 3\0"u8.CopyTo(bytes);
        return bytes;
    }

    private static IEnumerable<(string[] Path, Command Command)> Leaves(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] subPath = [.. path, sub.Name];
            if (sub.Subcommands.Count == 0)
            {
                yield return (subPath, sub);
            }
            else
            {
                foreach (var leaf in Leaves(sub, subPath))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static Type ValueType(Symbol symbol)
    {
        var type = symbol switch
        {
            Option option => option.ValueType,
            Argument argument => argument.ValueType,
            _ => typeof(object),
        };
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsArray ? type.GetElementType()! : type;
    }

    private static List<string> Allowed(Symbol symbol) =>
        symbol switch
        {
            Option option => [.. option.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label)],
            Argument argument => [.. argument.GetCompletions(System.CommandLine.Completions.CompletionContext.Empty).Select(c => c.Label)],
            _ => [],
        };

    private static string ValidValue(string command, Argument argument)
    {
        if (Allowed(argument) is [var first, ..] && ValueType(argument) != typeof(bool))
        {
            return first;
        }

        if (PathKinds.TryGetValue(argument.Name, out _))
        {
            return "valid-input";
        }

        return ArgumentValues.TryGetValue(argument.Name, out var value)
            ? value
            : throw new InvalidOperationException($"{command} <{argument.Name}>: add a valid value to ArgumentValues");
    }

    private static Row Run(Case c)
    {
        if (GateCases.TryGetValue(c.Command, out var gates) && gates.Any(g => c.Name.StartsWith(g, StringComparison.Ordinal)))
        {
            c = c with { Expect = Expect.Gate };
        }

        using var run = new CliRun();
        if (c.Command.StartsWith("perf ", StringComparison.Ordinal))
        {
            // A measurement and its baseline, so each perf command reaches the file under test.
            Commands.PerfCommandTests.Measured(run, "verify", 5, run: "r1");
            Assert.Equal(0, run.Run("perf", "baseline"));
        }

        File.WriteAllText(Path.Combine(run.Root, "valid-input"), "{}");
        if (c.Store is not null)
        {
            run.Environment["HOLOGRAM_STORE"] = c.Store;
        }

        if (c.File is { Create: true } file)
        {
            var full = Path.Combine(run.Root, file.Name);
            if (file.Name.EndsWith('/'))
            {
                Directory.CreateDirectory(full);
            }
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllBytes(full, file.Content ?? []);
            }
        }

        try
        {
            var exit = run.Run(c.Args);
            return new(c, exit, Lines(run.Error).Length, Verdict(c, exit, run.Error, run.Out));
        }
#pragma warning disable CA1031 // an exception escaping the tool is the finding this table reports
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new(c, -1, 0, $"crash: {ex.GetType().Name}: {Lines(ex.Message).FirstOrDefault()}");
        }
    }

    private static string Verdict(Case c, int exit, string error, string stdout)
    {
        var lines = Lines(error);
        if (StackTrace().IsMatch(error) || StackTrace().IsMatch(stdout))
        {
            return "stack trace in the output";
        }

        switch (c.Expect)
        {
            case Expect.BadInput when exit != ExitCodes.BadInput:
                return $"exit {exit}, expected 2";
            case Expect.Unreadable when exit is not (ExitCodes.Unreadable or ExitCodes.BadInput):
                return $"exit {exit}, expected 1 or 2";
            case Expect.Gate when exit != ExitCodes.GateFailed:
                return $"exit {exit}, expected 1 (a failed check)";
            case Expect.Unreadable or Expect.Gate when stdout.Contains("passing", StringComparison.OrdinalIgnoreCase) || stdout.Contains('✅'):
                return "green output on unreadable data";
        }

        if (c.Expect == Expect.BadInput ? lines.Length != 1 : lines.Length > 1)
        {
            return $"{lines.Length} lines on stderr";
        }

        var named = lines.Length == 1 ? lines[0] : stdout;
        return c.Names.Split('|').Any(n => named.Contains(n, StringComparison.OrdinalIgnoreCase)) ? "ok" : $"does not name '{c.Names}': {lines.FirstOrDefault()}";
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToArray();

    [GeneratedRegex(@"^\s+at \S|System\.[A-Za-z.]*Exception|Unhandled exception", RegexOptions.Multiline)]
    private static partial Regex StackTrace();

    private enum Expect
    {
        BadInput,
        Unreadable,
        Gate,
    }

    private sealed record InputFile(string Name, byte[]? Content, bool Create = true);

    private sealed record Case(string Command, string Name, string[] Args, Expect Expect, string Names, InputFile? File)
    {
        public string? Store { get; init; }
    }

    private sealed record Row(Case Case, int Exit, int ErrorLines, string Verdict);
}
