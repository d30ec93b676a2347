using System.Globalization;
using Hologram.Testing.Security;
using Hologram.Testing.Tests.Security.Corpus;
using Xunit.Abstractions;

namespace Hologram.Testing.Tests.Security;

/// <summary>Detection per kind on providers' token formats and on secret-named keys in config and HTTP forms; false positives on look-alike lines.</summary>
public sealed class ProviderSecretCorpusTests(ITestOutputHelper output)
{
    private const int Seed = 20261203;

    [Fact]
    public void Detects_at_least_99_percent_of_provider_tokens_and_every_kind_at_least_90_percent()
    {
        var corpus = new ProviderSecrets(Seed).Providers(18);
        Assert.True(corpus.Select(c => c.Kind).Distinct().Count() >= 45);
        Measure(corpus, overallFloor: 99.0, kindFloor: 90.0);
    }

    [Fact]
    public void Detects_secrets_under_secret_named_keys_in_config_and_http_forms()
    {
        var corpus = new ProviderSecrets(Seed + 1).Contexts(80);
        Measure(corpus, overallFloor: 95.0, kindFloor: 90.0);
    }

    [Fact]
    public void Reports_at_most_one_false_positive_per_10000_look_alike_lines()
    {
        var lines = ProviderLookAlikes.Lines(Seed, 20_000).ToList();
        var redactor = new SecretRedactor();
        var per10K = CorpusMeasure.FalsePositives(redactor, lines, output.WriteLine);

        Assert.True(per10K <= 1.0, $"{per10K:0.00} false positives per 10,000 lines");
    }

    private void Measure(IReadOnlyList<CorpusSecret> corpus, double overallFloor, double kindFloor) =>
        CorpusAssert.Floors(new SecretRedactor(), corpus, output.WriteLine, overallFloor, kindFloor);
}
