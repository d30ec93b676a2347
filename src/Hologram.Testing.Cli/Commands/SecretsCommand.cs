using System.CommandLine;
using System.ComponentModel;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram secrets scan &lt;paths…&gt; [--staged] [--baseline file] [--update-baseline]</c>: finds secrets in files before they are committed.</summary>
internal sealed class SecretsCommand(CliContext context)
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories to scan (directories recursively, skipping bin, obj and .git)", Arity = ArgumentArity.ZeroOrMore };
        var staged = new Option<bool>("--staged") { Description = "Scan the staged content of the files the next commit changes (for a pre-commit hook)" };
        var baseline = new Option<string?>("--baseline") { Description = "A JSON file of accepted findings: those are reported as known and do not fail the scan" };
        var update = new Option<bool>("--update-baseline") { Description = "Write every current finding into the --baseline file and succeed" };

        var scan = new Command("scan", "Scan files for secrets: prints file:line: kind: masked value; exit 1 on a finding not in the baseline.") { paths, staged, baseline, update };
        scan.SetAction(result => new SecretsCommand(context).Scan(result.GetValue(paths) ?? [], result.GetValue(staged), result.GetValue(baseline), result.GetValue(update)));

        return new Command("secrets", "Secret scanning.") { scan };
    }

    public int Scan(string[] paths, bool staged, string? baselinePath, bool updateBaseline)
    {
        if (paths.Length == 0 && !staged)
        {
            return context.BadInput("secrets scan: give one or more paths, or --staged");
        }

        if (staged && paths.Length > 0)
        {
            // The paths would be ignored: --staged scans what the next commit holds.
            return context.BadInput($"--staged scans the staged files; give no paths with it (got '{paths[0]}')");
        }

        if (updateBaseline && baselinePath is null)
        {
            return context.BadInput("--update-baseline needs --baseline <file>");
        }

        var baselineFile = baselinePath is null ? null : Path.GetFullPath(baselinePath, context.CurrentDirectory);
        SecretBaseline baseline;
        try
        {
            baseline = baselineFile is not null && File.Exists(baselineFile) ? SecretBaseline.Load(baselineFile) : SecretBaseline.CreateNew();
        }
        catch (InvalidDataException ex)
        {
            return context.BadInput(ex.Message);
        }

        if (baselineFile is not null && !updateBaseline && !File.Exists(baselineFile))
        {
            return context.BadInput($"baseline '{baselinePath}' does not exist (create it with --update-baseline)");
        }

        List<(string File, int Line, SecretFinding Finding)> findings;
        try
        {
            findings = staged ? ScanStaged() : ScanFiles(paths, baselineFile);
        }
        catch (FileNotFoundException ex)
        {
            return context.BadInput(ex.Message);
        }
        catch (Exception ex) when (ex is InvalidOperationException or Win32Exception)
        {
            return context.BadInput(ex.Message);
        }

        if (updateBaseline)
        {
            var updated = baseline.Emptied();
            foreach (var (file, _, finding) in findings)
            {
                updated.Add(file, finding.Kind, finding.Value);
            }

            updated.Save(baselineFile!);
            context.Out.WriteLine($"baseline: {updated.Count} accepted findings written to {baselinePath}");
            return ExitCodes.Ok;
        }

        var known = 0;
        var fresh = 0;
        foreach (var (file, line, finding) in findings)
        {
            if (baseline.Contains(file, finding.Kind, finding.Value))
            {
                known++;
                continue;
            }

            fresh++;
            context.Out.WriteLine($"{file}:{line}: {finding.Kind}: {finding.Masked}");
        }

        context.Out.WriteLine(fresh == 0
            ? $"secrets scan: no new secrets ({known} in the baseline)"
            : $"secrets scan: {fresh} new secret(s) found ({known} in the baseline)");
        return fresh == 0 ? ExitCodes.Ok : ExitCodes.GateFailed;
    }

    private List<(string File, int Line, SecretFinding Finding)> ScanFiles(string[] paths, string? baselineFile)
    {
        var findings = new List<(string, int, SecretFinding)>();
        foreach (var (display, full) in SecretScanSource.Files(context.CurrentDirectory, paths))
        {
            if (baselineFile is not null && string.Equals(full, baselineFile, StringComparison.Ordinal))
            {
                continue;
            }

            Collect(display, File.ReadAllBytes(full), findings);
        }

        return findings;
    }

    private List<(string File, int Line, SecretFinding Finding)> ScanStaged()
    {
        var findings = new List<(string, int, SecretFinding)>();
        foreach (var (display, content) in SecretScanSource.Staged(context.CurrentDirectory))
        {
            Collect(display, content, findings);
        }

        return findings;
    }

    private static void Collect(string display, byte[] content, List<(string, int, SecretFinding)> findings)
    {
        var text = SecretScanSource.ReadText(content);
        if (text is null)
        {
            return;
        }

        var line = 1;
        var position = 0;
        foreach (var finding in SecretRedactor.Default.Find(text))
        {
            line += text.AsSpan(position, finding.Index - position).Count('\n');
            position = finding.Index;
            findings.Add((display, line, finding));
        }
    }
}
