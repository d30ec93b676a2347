namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// Ordinary lines that look like provider tokens or secret assignments: image digests, GUIDs, commit SHAs, CIDs, SRI
/// hashes, ETags, CSP nonces, trace ids, base64 test data, <c>-eyJ.</c> versions, test names about tokens, placeholders.
/// </summary>
internal static class ProviderLookAlikes
{
    /// <summary><paramref name="count"/> look-alike lines from <paramref name="seed"/>.</summary>
    public static IEnumerable<string> Lines(int seed, int count) => Lines(new Random(seed), count);

    private static IEnumerable<string> Lines(Random random, int count)
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
