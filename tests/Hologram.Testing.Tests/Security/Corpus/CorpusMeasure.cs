using System.Globalization;
using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>Detection of a labelled corpus per kind, printed (the tests check it against floors; the benchmarks export it).</summary>
internal static class CorpusMeasure
{
    /// <summary>Prints one line per kind, the overall rate and the first misses; returns the overall rate in percent and the misses.</summary>
    public static (double Overall, List<CorpusSecret> Missed) Run(SecretRedactor redactor, IReadOnlyList<CorpusSecret> corpus, Action<string> print)
    {
        var missed = new List<CorpusSecret>();
        foreach (var group in corpus.GroupBy(c => c.Kind))
        {
            var groupMissed = group.Where(c => Leaks(redactor, c)).ToList();
            missed.AddRange(groupMissed);
            var rate = 100.0 * (group.Count() - groupMissed.Count) / group.Count();
            print(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-28} {group.Count() - groupMissed.Count,3}/{group.Count(),-3} {rate,6:0.0}%"));
        }

        var overall = 100.0 * (corpus.Count - missed.Count) / corpus.Count;
        print(string.Create(CultureInfo.InvariantCulture, $"overall detection: {corpus.Count - missed.Count}/{corpus.Count} = {overall:0.00}%"));
        foreach (var miss in missed.Take(60))
        {
            print($"MISSED {miss.Kind}: {redactor.Redact(miss.Text)}");
        }

        return (overall, missed);
    }

    /// <summary>Prints and returns the false positives per 10,000 lines: lines on which the redactor finds anything.</summary>
    public static double FalsePositives(SecretRedactor redactor, IReadOnlyList<string> lines, Action<string> print)
    {
        var flagged = lines.Where(l => redactor.Find(l).Count > 0).ToList();
        var per10K = 10_000.0 * flagged.Count / lines.Count;
        print(string.Create(CultureInfo.InvariantCulture, $"false positives: {flagged.Count} in {lines.Count} lines = {per10K:0.00} per 10,000 lines"));
        foreach (var line in flagged.Distinct().Take(20))
        {
            print($"FLAGGED: {line} -> {redactor.Redact(line)}");
        }

        return per10K;
    }

    /// <summary>
    /// Writes the entries that whole-entry redaction catches through a <see cref="RedactingTextWriter"/> 1 to 40 characters
    /// at a time, with flushes in between; prints and returns how many were written and those whose secret leaked.
    /// </summary>
    public static (int Streamed, List<CorpusSecret> Leaked) StreamInPieces(SecretRedactor redactor, IReadOnlyList<CorpusSecret> corpus, int seed, Action<string> print)
    {
        var caughtWhole = corpus.Where(c => !Leaks(redactor, c)).ToList();
        var text = string.Join('\n', caughtWhole.Select(c => c.Text)) + "\n";

        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, redactor, leaveOpen: true))
        {
            var random = new Random(seed);
            for (var i = 0; i < text.Length;)
            {
                var size = Math.Min(random.Next(1, 40), text.Length - i);
                writer.Write(text.AsSpan(i, size));
                if (random.Next(4) == 0)
                {
                    writer.Flush();
                }

                i += size;
            }
        }

        var written = sink.ToString();
        var leaked = caughtWhole.Where(c => written.Contains(c.Secret, StringComparison.Ordinal)).ToList();
        print($"streamed {caughtWhole.Count} entries ({text.Length:N0} characters), {leaked.Count} leaked");
        foreach (var leak in leaked)
        {
            print($"LEAKED {leak.Kind}: {leak.Text}");
        }

        return (caughtWhole.Count, leaked);
    }

    /// <summary>True when the secret survives redaction, or nothing was redacted at all.</summary>
    public static bool Leaks(SecretRedactor redactor, CorpusSecret entry)
    {
        var redacted = redactor.Redact(entry.Text);
        return redacted.Contains(entry.Secret, StringComparison.Ordinal) || !redacted.Contains("[REDACTED:", StringComparison.Ordinal);
    }
}
