using System.CommandLine;
using System.ComponentModel;
using Hologram.Testing.Security;

namespace Hologram.Testing.Cli.Commands;

/// <summary>
/// <c>hologram secrets scan &lt;paths…&gt; [--staged] [--baseline file] [--update-baseline]</c>: finds secrets in files before
/// they are committed; <c>hologram secrets allow &lt;paths…&gt; --baseline file</c>: accepts the secrets in those files as known
/// fakes everywhere (the scan and the redactor).
/// </summary>
internal sealed class SecretsCommand(CliContext context)
{
    // The built-in rules with nothing allowed: marked lines are counted here, known-fake values are matched against the baseline.
    private static readonly SecretRedactor Scanner = SecretRedactor.Default.Clone().UseAllowList(SecretAllowList.None);

    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or directories to scan (directories recursively, skipping bin, obj and .git)", Arity = ArgumentArity.ZeroOrMore };
        var staged = new Option<bool>("--staged") { Description = "Scan the staged content of the files the next commit changes (for a pre-commit hook)" };
        var baseline = new Option<string?>("--baseline") { Description = "A JSON file of accepted findings: those are reported as known and do not fail the scan" };
        var update = new Option<bool>("--update-baseline") { Description = "Write every current finding into the --baseline file and succeed" };

        var scan = new Command("scan", "Scan files for secrets: prints file:line: kind: masked value; exit 1 on a finding not in the baseline.") { paths, staged, baseline, update };
        scan.SetAction(result => new SecretsCommand(context).Scan(result.GetValue(paths) ?? [], result.GetValue(staged), result.GetValue(baseline), result.GetValue(update)));

        var allowPaths = new Argument<string[]>("paths") { Description = "Files or directories whose secrets are known fakes (fixtures, documented samples)", Arity = ArgumentArity.OneOrMore };
        var allowBaseline = new Option<string>("--baseline") { Description = "The baseline file to add them to (created when missing)", Required = true };
        var allow = new Command("allow", "Accept every secret found in the given files as a known fake, in any file and in the redactor.") { allowPaths, allowBaseline };
        allow.SetAction(result => new SecretsCommand(context).Allow(result.GetValue(allowPaths) ?? [], result.GetValue(allowBaseline)!));

        return new Command("secrets", "Secret scanning.") { scan, allow };
    }

    public int Allow(string[] paths, string baselinePath)
    {
        var baselineFile = Path.GetFullPath(baselinePath, context.CurrentDirectory);
        SecretBaseline baseline;
        List<(string File, int Line, SecretFinding Finding)> findings;
        try
        {
            baseline = File.Exists(baselineFile) ? SecretBaseline.Load(baselineFile) : SecretBaseline.CreateNew();
            findings = ScanFiles(paths, baselineFile, out _);
        }
        catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or InvalidOperationException or Win32Exception)
        {
            return context.BadInput(ex.Message);
        }

        var added = findings.Count(f => baseline.Allow(f.Finding.Kind, f.Finding.Value));
        baseline.Save(baselineFile);
        context.Out.WriteLine($"baseline: {added} known-fake value(s) added, {baseline.AllowedCount} in {baselinePath}");
        return ExitCodes.Ok;
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
        int marked;
        try
        {
            findings = staged ? ScanStaged(out marked) : ScanFiles(paths, baselineFile, out marked);
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

        var accepted = marked == 0 ? string.Empty : $", {marked} marked {SecretAllowList.InlineMarker}";
        context.Out.WriteLine(fresh == 0
            ? $"secrets scan: no new secrets ({known} in the baseline{accepted})"
            : $"secrets scan: {fresh} new secret(s) found ({known} in the baseline{accepted})");
        return fresh == 0 ? ExitCodes.Ok : ExitCodes.GateFailed;
    }

    private List<(string File, int Line, SecretFinding Finding)> ScanFiles(string[] paths, string? baselineFile, out int marked)
    {
        marked = 0;
        var findings = new List<(string, int, SecretFinding)>();
        foreach (var (display, full) in SecretScanSource.Files(context.CurrentDirectory, paths))
        {
            if (baselineFile is not null && string.Equals(full, baselineFile, StringComparison.Ordinal))
            {
                continue;
            }

            marked += Collect(display, File.ReadAllBytes(full), findings);
        }

        return findings;
    }

    private List<(string File, int Line, SecretFinding Finding)> ScanStaged(out int marked)
    {
        marked = 0;
        var findings = new List<(string, int, SecretFinding)>();
        foreach (var (display, content) in SecretScanSource.Staged(context.CurrentDirectory))
        {
            marked += Collect(display, content, findings);
        }

        return findings;
    }

    /// <summary>Adds the findings of one file; returns how many were on lines with the inline marker (not added).</summary>
    private static int Collect(string display, byte[] content, List<(string, int, SecretFinding)> findings)
    {
        var text = SecretScanSource.ReadText(content);
        if (text is null)
        {
            return 0;
        }

        var line = 1;
        var position = 0;
        var marked = 0;
        foreach (var finding in Scanner.Find(text))
        {
            line += text.AsSpan(position, finding.Index - position).Count('\n');
            position = finding.Index;
            if (SecretAllowList.IsMarked(text, finding.Index))
            {
                marked++;
                continue;
            }

            findings.Add((display, line, finding));
        }

        return marked;
    }
}
