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
        var lines = LookAlikes(new Random(Seed), 20_000).ToList();
        var redactor = new SecretRedactor();
        var flagged = lines.Where(l => redactor.Find(l).Count > 0).ToList();
        var per10K = 10_000.0 * flagged.Count / lines.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"false positives: {flagged.Count} in {lines.Count} look-alike lines = {per10K:0.00} per 10,000 lines"));
        foreach (var line in flagged.Take(20))
        {
            output.WriteLine($"FLAGGED: {line} -> {redactor.Redact(line)}");
        }

        Assert.True(per10K <= 1.0, $"{per10K:0.00} false positives per 10,000 lines");
    }

    private void Measure(IReadOnlyList<CorpusSecret> corpus, double overallFloor, double kindFloor) =>
        CorpusAssert.Floors(new SecretRedactor(), corpus, output.WriteLine, overallFloor, kindFloor);

    /// <summary>The look-alike ordinary lines, for the other corpora's false-positive checks.</summary>
    internal static IEnumerable<string> LookAlikeLines(int seed, int count) => LookAlikes(new Random(seed), count);

    private static IEnumerable<string> LookAlikes(Random random, int count)
    {
        string Hex(int bytes) => Convert.ToHexStringLower(RandomBytes(random, bytes));
        string B64(int bytes) => Convert.ToBase64String(RandomBytes(random, bytes));
        for (var i = 0; i < count; i++)
        {
            yield return (i % 24) switch
            {
                0 => $"sha256:{Hex(32)}",
                1 => $"  Restored {Guid.NewGuid()} in {random.Next(2, 900)} ms",
                2 => $"commit {Hex(20)}",
                3 => $"ipfs://bafybei{Hex(24)}",
                4 => $"<script src=\"app.js\" integrity=\"sha384-{B64(48)}\"></script>",
                5 => $"ETag: \"{Hex(16)}\"",
                6 => $"  expected payload: {B64(24)}",
                7 => $"Package Hologram.Testing 1.{random.Next(9)}.{random.Next(99)}-eyJ.{random.Next(9)} restored",
                8 => "  Passed TokenRefresh_rotates_the_secret_when_expired [12 ms]",
                9 => "max_tokens=1024 temperature=0.2 timeout=30",
                10 => "Password=<redacted>; token=${{ secrets.NUGET_KEY }}; api_key=***",
                11 => "  \"ClientSecret\": \"changeme\", \"UseSsl\": true, \"Port\": 5432",
                12 => $"Content-Security-Policy: script-src 'nonce-{B64(16)}'",
                13 => $"docker pull mcr.microsoft.com/dotnet/sdk@sha256:{Hex(32)}",
                14 => $"  at Orders.Tests.TokenTests.Rejects_expired_token() in /src/TokenTests.cs:line {random.Next(10, 400)}",
                15 => $"x-request-id: {Hex(16)}  traceparent: 00-{Hex(16)}-{Hex(8)}-01",
                16 => $"dotnet nuget locals all --clear  # cache {Hex(8)}",
                17 => "secret_santa_enabled: false  session_timeout: 20m",
                18 => $"  key-{random.Next(1000)} -> bucket-{random.Next(100)}",
                19 => $"The task {Hex(4)}-us-east-1 completed with SK{random.Next(1000)} priority",
                20 => $"Cookie: theme=dark; lang=en-US; consent={random.Next(2)}",
                21 => $"hf_model_name=bert-base  r8_layers={random.Next(12)}",
                22 => $"{{\"d\": {random.Next(1000)}, \"k\": \"orders\", \"p\": [1,2,3]}}",
                _ => $"  Built {Hex(6)}.dll ({random.Next(100, 9000)} KB) in {random.Next(1, 60)}s",
            };
        }
    }

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
