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
        CorpusMeasure.Assert(new SecretRedactor(), corpus, output.WriteLine, overallFloor: 54.0, kindFloor: 0);
    }
}
