using System.Globalization;
using Hologram.Testing.Security;
using Hologram.Testing.Tests.Security.Corpus;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Security;

/// <summary>Measures detection per kind on the synthetic secret corpus and false positives on ordinary output, and holds them to the targets.</summary>
public sealed class SecretCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 20250301;
    private const int SecretsPerKind = 18;
    private const int OrdinaryLines = 12_000;

    private static SecretRedactor Redactor(SyntheticSecrets secrets) =>
        SecretRedactor.FromEnvironment(
            new Dictionary<string, string?> { [SyntheticSecrets.EnvironmentSecretName] = secrets.EnvironmentSecret, ["HOME"] = "/home/runner" },
            SyntheticSecrets.EnvironmentSecretName);

    [Fact]
    public void Detects_at_least_99_percent_of_the_corpus_secrets_in_every_kind()
    {
        var generator = new SyntheticSecrets(Seed);
        var corpus = generator.Generate(SecretsPerKind);
        var redactor = Redactor(generator);

        Assert.True(corpus.Count >= 300, $"corpus has {corpus.Count} secrets");
        var kinds = corpus.Select(c => c.Kind).Distinct().ToList();
        Assert.True(kinds.Count >= 14, $"corpus covers {kinds.Count} kinds");

        var missed = new List<CorpusSecret>();
        var rows = new List<string>();
        foreach (var group in corpus.GroupBy(c => c.Kind))
        {
            var detected = 0;
            var labelled = 0;
            foreach (var entry in group)
            {
                var redacted = redactor.Redact(entry.Text);
                if (!redacted.Contains(entry.Secret, StringComparison.Ordinal) && redacted.Contains("[REDACTED:", StringComparison.Ordinal))
                {
                    detected++;
                    labelled += redacted.Contains($"[REDACTED:{entry.Kind}]", StringComparison.Ordinal) ? 1 : 0;
                }
                else
                {
                    missed.Add(entry);
                }
            }

            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{group.Key,-28} {detected,3}/{group.Count(),-3} {100.0 * detected / group.Count(),6:0.0}%   labelled as its kind {100.0 * labelled / group.Count(),6:0.0}%"));
        }

        var overall = 100.0 * (corpus.Count - missed.Count) / corpus.Count;
        foreach (var row in rows)
        {
            output.WriteLine(row);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall detection: {corpus.Count - missed.Count}/{corpus.Count} = {overall:0.00}% ({kinds.Count} kinds)"));
        foreach (var miss in missed)
        {
            output.WriteLine($"MISSED {miss.Kind}: {redactor.Redact(miss.Text)}");
        }

        Assert.True(overall >= 99.0, $"overall detection {overall:0.00}% < 99%");
        foreach (var group in corpus.GroupBy(c => c.Kind))
        {
            var rate = 100.0 * group.Count(c => !missed.Contains(c)) / group.Count();
            Assert.True(rate >= 90.0, $"{group.Key}: {rate:0.0}% detected");
        }
    }

    [Fact]
    public void Reports_at_most_one_false_positive_per_10000_lines_of_ordinary_output()
    {
        var generator = new SyntheticSecrets(Seed);
        var redactor = Redactor(generator);
        var lines = new OrdinaryOutput(Seed).Lines(OrdinaryLines).ToList();

        var per10K = CorpusMeasure.FalsePositives(redactor, lines, output.WriteLine);

        Assert.True(lines.Count >= 10_000);
        Assert.True(per10K <= 1.0, $"{per10K:0.00} false positives per 10,000 lines");
    }

    [Fact]
    public void Redacting_the_whole_ordinary_output_as_one_text_leaves_it_unchanged()
    {
        var text = string.Join('\n', new OrdinaryOutput(Seed + 7).Lines(OrdinaryLines));
        var redacted = new SecretRedactor().Redact(text);

        Assert.True(ReferenceEquals(text, redacted) || text.Length - redacted.Length < 200, "at most a handful of lines may change");
    }

    [Fact]
    public void Streaming_the_corpus_through_a_writer_in_small_pieces_leaks_nothing()
    {
        var generator = new SyntheticSecrets(Seed);
        var corpus = generator.Generate(SecretsPerKind);
        var redactor = Redactor(generator);
        var text = string.Join('\n', corpus.Select(c => c.Text)) + "\n";

        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, redactor, leaveOpen: true))
        {
            var random = new Random(Seed);
            for (var i = 0; i < text.Length;)
            {
                var size = Math.Min(random.Next(1, 40), text.Length - i);
                writer.Write(text.AsSpan(i, size));
                i += size;
            }
        }

        var written = sink.ToString();
        var leaked = corpus.Where(c => written.Contains(c.Secret, StringComparison.Ordinal)).ToList();
        Assert.True(leaked.Count <= corpus.Count / 100, $"{leaked.Count} leaked: {string.Join(" | ", leaked.Take(3))}");
    }
}
