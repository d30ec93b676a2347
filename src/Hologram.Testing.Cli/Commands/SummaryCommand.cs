using System.CommandLine;
using System.Text;
using Hologram.Testing.Cli.Annotations;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli.Commands;

/// <summary><c>hologram summary</c>: the markdown job summary; appended to <c>$GITHUB_STEP_SUMMARY</c> when set, else printed.</summary>
internal sealed class SummaryCommand(CliContext context)
{
    public const string StepSummaryVariable = "GITHUB_STEP_SUMMARY";

    public static Command Create(CliContext context)
    {
        var output = new Option<string?>("--out", "-o") { Description = "Append to this file instead (default: $GITHUB_STEP_SUMMARY when set, else standard output)" };
        var maxBytes = new Option<int>("--max-bytes")
        {
            Description = "Cap the summary at this many bytes, counting what the file already holds (default 819200; GitHub drops summaries over 1 MiB)",
            DefaultValueFactory = _ => MarkdownSummary.DefaultMaxBytes,
        };
        var runs = ReportSession.RunsOption();
        var days = ReportSession.DaysOption();
        var command = new Command("summary", "Markdown job summary: totals, failures, new flakes, quarantine changes, perf and chaos verdicts.") { output, maxBytes, runs, days };
        command.SetAction(result => new SummaryCommand(context).Execute(result.GetValue(output), result.GetValue(maxBytes), result.GetValue(runs), result.GetValue(days)));
        return command;
    }

    public int Execute(string? output, int maxBytes, int runs, int? days)
    {
        if (maxBytes < 4096)
        {
            return context.BadInput($"--max-bytes must be at least 4096, got {maxBytes}");
        }

        var target = output is not null
            ? Path.GetFullPath(output, context.CurrentDirectory)
            : context.Environment.TryGetValue(StepSummaryVariable, out var step) && !string.IsNullOrWhiteSpace(step) ? step : null;
        // Annotations go to standard output, or to standard error when the markdown itself is printed there.
        var annotationTarget = CiAnnotations.Detect(context.Environment);
        var (data, options, error) = ReportSession.Load(context, runs, days, "hologram summary");
        if (error is { } code)
        {
            return code;
        }

        var annotator = annotationTarget is null ? null : CiAnnotations.For(context, target is null ? context.Error : context.Out, options!.RepositoryRoot);
        if (target is null)
        {
            context.Out.Write(MarkdownSummary.Render(data!, maxBytes));
            annotator?.WriteAll(SummaryAnnotations.For(data!.History), "the job summary");
            return ReportSession.Finish(context, data!);
        }

        // The cap covers the whole file: earlier steps' summaries count towards GitHub's limit too.
        var existing = File.Exists(target) ? new FileInfo(target).Length : 0;
        var markdown = MarkdownSummary.Render(data!, (int)Math.Max(4096, maxBytes - existing));
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(target));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            Append(target, Encoding.UTF8.GetBytes((existing > 0 ? "\n" : string.Empty) + markdown));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return context.BadInput($"cannot append the summary to '{target}': {ex.Message}");
        }

        annotator?.WriteAll(SummaryAnnotations.For(data!.History), "the job summary");
        context.Out.WriteLine($"Summary appended to {target} ({ReportText.Count(Encoding.UTF8.GetByteCount(markdown))} bytes).");
        return ReportSession.Finish(context, data!);
    }

    /// <summary>
    /// Appends by writing the old content and the new one to a temporary file renamed over the target: on a full disk
    /// the file keeps what it held (no empty or half-written summary). A device (<c>/dev/stdout</c>) is appended to directly.
    /// </summary>
    private void Append(string target, byte[] addition)
    {
        if (target.StartsWith("/dev/", StringComparison.Ordinal) || target.StartsWith("/proc/", StringComparison.Ordinal))
        {
            using var device = new FileStream(target, FileMode.Append, FileAccess.Write);
            device.Write(addition);
            return;
        }

        var existing = File.Exists(target) ? File.ReadAllBytes(target) : [];
        context.WriteFile(target, stream =>
        {
            stream.Write(existing);
            stream.Write(addition);
        });
    }
}
