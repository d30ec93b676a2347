using Hologram.Testing.Security;
using Hologram.Testing.Tests.Security.Corpus;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Security;

/// <summary>
/// Detection on the held-out corpus: kinds and contexts none of the other corpora hold, generated from their documented
/// formats. Its first measurement, before any rule was written for it, is the held-out figure in docs/security.md.
/// </summary>
public sealed class HeldOutSecretCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 20261219;

    [Fact]
    public void Detects_held_out_kinds_and_contexts()
    {
        var corpus = new HeldOutSecrets(Seed).All(12);
        Assert.True(corpus.Select(c => c.Kind).Distinct().Count() >= 35);
        CorpusAssert.Floors(new SecretRedactor(), corpus, output.WriteLine, overallFloor: 99.0, kindFloor: 75.0);
    }

    [Fact]
    public void Reports_at_most_one_false_positive_per_10000_look_alike_lines_of_the_same_files_and_commands()
    {
        var lines = new HeldOutSecrets(Seed + 1).LookAlikes(30_000).ToList();
        var redactor = new SecretRedactor();
        var per10K = CorpusMeasure.FalsePositives(redactor, lines, output.WriteLine);

        Assert.True(per10K <= 1.0, $"{per10K:0.00} false positives per 10,000 lines");
    }

    [Fact]
    public void Streaming_the_new_rule_forms_in_small_pieces_leaks_nothing_that_whole_lines_redact()
    {
        // Held-out, provider and config forms written 1 to 40 characters at a time, with flushes in between: the writer
        // must catch every secret that redacting each entry whole catches, whatever the cut.
        var corpus = new HeldOutSecrets(Seed).All(12)
            .Concat(new ProviderSecrets(20261203).Providers(6))
            .Concat(new ProviderSecrets(20261204).Contexts(20))
            .ToList();
        var (caughtWhole, leaked) = CorpusMeasure.StreamInPieces(new SecretRedactor(), corpus, Seed, output.WriteLine);
        Assert.True(caughtWhole > 600);
        Assert.Empty(leaked);
    }
}
