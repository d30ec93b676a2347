using Hologram.Testing.Cli.Reporting;
using System.Text;
using System.Text.Json;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>The flake report: which tests flaked or failed in a window, rendered as a terminal table, a GitHub table or JSON.</summary>
internal static class FlakeReport
{
    private const int SignatureWidth = 40;

    private static readonly string[] Headers = ["TEST", "RUNS", "FAILURES", "FLAKES", "FLAKE RATE", "LAST FLAKE", "SIGNATURE", "QUARANTINE"];

    private static readonly bool[] RightAligned = [false, true, true, true, true, false, false, false];

    /// <summary>
    /// The summaries with the signature the job summary shows for a flaky test: that of its latest flake event in the
    /// window (a test that passed on a retry has no final failure, so the store's last failure signature is empty or older).
    /// </summary>
    public static IReadOnlyList<TestSummary> WithFlakeSignatures(IReadOnlyList<TestSummary> summaries, IReadOnlyList<FlakeEvent> flakes)
    {
        var latest = flakes.Where(f => !string.IsNullOrEmpty(f.ErrorSignature))
            .GroupBy(f => f.TestId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(f => f.DetectedAt)!.ErrorSignature, StringComparer.Ordinal);
        return summaries.Select(s => s.Flakes > 0 && latest.TryGetValue(s.TestId, out var signature) ? s with { LastSignature = signature } : s).ToList();
    }

    /// <summary>
    /// The tests to show, most flaky first (then most failures, then by id): those with flakes, failures or an active
    /// quarantine, or every test with <paramref name="all"/>. A quarantined test without results in the window is shown
    /// with zero runs, so no quarantine goes unseen.
    /// </summary>
    public static IReadOnlyList<TestSummary> Select(IEnumerable<TestSummary> summaries, IEnumerable<QuarantineEntry> quarantined, bool all)
    {
        var rows = summaries.Where(s => all || s.Flakes > 0 || s.Failures > 0 || s.Quarantine is not null).ToList();
        var shown = rows.Select(r => r.TestId).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(quarantined
            .Where(q => !shown.Contains(q.TestId))
            .Select(q => new TestSummary { TestId = q.TestId, DisplayName = q.TestId, Runs = 0, Failures = 0, Flakes = 0, Quarantine = q }));
        return rows
            .OrderByDescending(s => s.Flakes)
            .ThenByDescending(s => s.Failures)
            .ThenBy(s => s.TestId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An aligned table for terminals; columns separated by two spaces, numbers right-aligned, no trailing spaces.</summary>
    public static void WriteTable(TextWriter writer, IReadOnlyList<TestSummary> rows)
    {
        var cells = rows.Select(r => Cells(r, truncateSignature: true)).ToList();
        var widths = Headers.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        WriteTableLine(writer, Headers, widths);
        foreach (var row in cells)
        {
            WriteTableLine(writer, row, widths);
        }
    }

    /// <summary>A GitHub-flavoured markdown table: the test id as a code span, every other cell escaped as markdown text (<see cref="ReportText"/>).</summary>
    public static void WriteMarkdown(TextWriter writer, IReadOnlyList<TestSummary> rows)
    {
        writer.WriteLine("| Test | Runs | Failures | Flakes | Flake rate | Last flake | Signature | Quarantine |");
        writer.WriteLine("|---|---:|---:|---:|---:|---|---|---|");
        foreach (var row in rows)
        {
            var cells = Cells(row, truncateSignature: false);
            cells = cells.Select((cell, i) => i == 0 ? ReportText.MarkdownCode(cell, inTable: true) : ReportText.Markdown(cell)).ToArray();
            writer.WriteLine("| " + string.Join(" | ", cells) + " |");
        }
    }

    /// <summary>A JSON array of test summaries.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<TestSummary> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, FlakeJson.Indented))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartObject();
                FlakeJson.WriteSummaryProperties(json, row);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        writer.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static string[] Cells(TestSummary s, bool truncateSignature) =>
    [
        s.TestId,
        FlakeText.Number(s.Runs),
        FlakeText.Number(s.Failures),
        FlakeText.Number(s.Flakes),
        FlakeText.Percent(s.FlakeRate),
        FlakeText.Time(s.LastFlake),
        Signature(s.LastSignature, truncateSignature),
        FlakeText.Quarantine(s.Quarantine),
    ];

    private static string Signature(string? signature, bool truncate)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return "-";
        }

        var oneLine = string.Join(' ', signature.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return truncate && oneLine.Length > SignatureWidth ? oneLine[..(SignatureWidth - 1)] + "…" : oneLine;
    }

    private static void WriteTableLine(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(RightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }
}
