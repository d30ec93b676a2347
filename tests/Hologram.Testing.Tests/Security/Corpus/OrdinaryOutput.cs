using System.Globalization;
using System.Text;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// Generates ordinary test-run output from a fixed seed: xUnit results, stack traces, GUIDs, commit and content hashes,
/// IPFS CIDs, base64 payloads, timings, credential-free URLs and log lines that mention passwords or tokens without
/// containing one. None of it is a secret, so every finding on it is a false positive.
/// </summary>
internal sealed class OrdinaryOutput(int seed)
{
    private const string Hex = "0123456789abcdef";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] Tests =
    [
        "OrderTests.Creates_an_order", "OrderTests.Rejects_an_empty_basket", "PaymentTests.Refund_is_idempotent",
        "LoginTests.Wrong_password_is_rejected", "TokenCacheTests.Expired_token_is_refreshed", "SecretStoreTests.Rotates_secrets",
        "ApiKeyTests.Missing_api_key_returns_401", "SessionTests.Session_expires_after_idle_timeout", "CidTests.Parses_v1_cids",
        "HashTests.Sha256_matches_reference", "EncodeTests.Large_payload_round_trips", "GraphQlTests.Query_p95_under_budget",
    ];

    private static readonly string[] Ordinary =
    [
        "Refreshing access token for user {n} (expires in 3600 s)",
        "token expired, retrying with a fresh one (attempt {d}/3)",
        "Using CancellationToken.None for background flush",
        "password policy: minimum length 12, require digits",
        "Secret rotation scheduled for {date}",
        "Authorization header missing; responding 401",
        "Basic authentication is disabled for this endpoint",
        "Bearer authentication scheme registered as default",
        "api_key=<API_KEY> (set it in the environment)",
        "DB_PASSWORD=${DB_PASSWORD}",
        "token=*** client_secret=changeme password=",
        "PWD=/home/runner/work/hologram/hologram",
        "docker run -p 8080:80 -e ASPNETCORE_ENVIRONMENT=Testing orders-api:ci",
        "Author: Jane Doe <jane.doe@corp.test>",
        "git fetch ssh://git@git.corp.test/orders/orders-api.git",
        "Step {d}/7 : RUN dotnet restore --locked-mode",
        "warn: Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager[35] No XML encryptor configured. Key {{{guid}}} may be persisted unencrypted.",
        "info: Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:{port}",
        "The session was closed by the remote host after {d} requests",
        "Set-Cookie: theme=dark; Path=/; SameSite=Lax",
        "Cookie: lang=en-GB; consent=yes",
        "secretName: orders-db-credentials (mounted at /var/run/secrets)",
        "tokenizer produced {n} tokens in {ms} ms",
        "max_tokens={n}, temperature=0.2",
        "Assert.Equal() Failure: Strings differ\n    Expected: \"password is required\"\n    Actual:   \"password is too short\"",
        "KeyNotFoundException: The given key 'orders:{n}' was not present in the dictionary.",
        "PasswordHasher verified hash in {ms} ms",
        "GET https://api.orders.test/v1/orders?page={d}&pageSize=50 200 ({ms} ms)",
        "POST https://hooks.internal.test/ci/notify 204 ({ms} ms)",
        "Restored /work/src/Orders/Orders.csproj (in {ms} ms).",
    ];

    private readonly Random _random = new(seed);

    public IEnumerable<string> Lines(int count)
    {
        var produced = 0;
        while (produced < count)
        {
            foreach (var line in Next().Split('\n'))
            {
                if (produced++ < count)
                {
                    yield return line;
                }
            }
        }
    }

    private string Next() => _random.Next(24) switch
    {
        0 => $"[xUnit.net 00:00:{_random.Next(60):00}.{_random.Next(100):00}]     Orders.Tests.{Test()} [{Pick("PASS", "FAIL", "SKIP")}]",
        1 => $"  Passed Orders.Tests.{Test()} [{_random.Next(1, 900)} ms]",
        2 => $"  Failed Orders.Tests.{Test()} [{_random.Next(1, 900)} ms]\n  Error Message:\n   Assert.Equal() Failure: Values differ\n  Expected: {_random.Next(100)}\n  Actual:   {_random.Next(100)}",
        3 => StackTrace(),
        4 => $"Created order {Guid()} for customer {Guid()}",
        5 => $"commit {R(Hex, 40)} ({Pick("HEAD -> main", "origin/main", "tag: v0.1." + _random.Next(9))})",
        6 => $"sha256:{R(Hex, 64)}  artifacts/Orders.{_random.Next(100)}.nupkg",
        7 => $"pinned bafybei{R(Base32, 52)} ({_random.Next(1, 9999)} KiB)",
        8 => $"resolved Qm{R(Base58, 44)} -> bafkrei{R(Base32, 52)}",
        9 => $"payload: {Convert.ToBase64String(Bytes(_random.Next(24, 120)))}",
        10 => $"{{\"level\":\"info\",\"msg\":\"request completed\",\"status\":{Pick("200", "201", "404", "500")},\"durationMs\":{_random.NextDouble() * 200:0.0},\"traceId\":\"{R(Hex, 32)}\",\"spanId\":\"{R(Hex, 16)}\"}}",
        11 => $"elapsed {_random.NextDouble() * 1000:0.00} ms (p50={_random.Next(1, 20)}ms p95={_random.Next(20, 90)}ms p99={_random.Next(90, 300)}ms)",
        12 => $"Test run for /work/tests/Orders.Tests/bin/Debug/net10.0/Orders.Tests.dll (.NETCoreApp,Version=v10.0)",
        13 => $"Total tests: {_random.Next(100, 900)}. Passed: {_random.Next(100, 800)}. Failed: {_random.Next(3)}. Skipped: {_random.Next(5)}. Time: {_random.NextDouble() * 60:0.000} s",
        14 => $"integrity sha512-{Convert.ToBase64String(Bytes(64))}",
        15 => $"etag W/\"{R(Hex, 16)}\" last-modified {Date()} request-id {Guid()}",
        16 => $"  at System.Threading.Tasks.Task.Wait(Int32 millisecondsTimeout, CancellationToken cancellationToken)",
        17 => $"data: {Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"id\":{_random.Next()},\"name\":\"order-{_random.Next(999)}\",\"total\":{_random.Next(1000)}.{_random.Next(100):00}}}"))}",
        18 => $"blob {R(Alnum, 40)} uploaded to https://ordersci.blob.core.windows.net/artifacts/run-{_random.Next(999)}.zip",
        19 => $"x-request-id: {R(Alnum, 32)}",
        _ => Fill(Ordinary[_random.Next(Ordinary.Length)]),
    };

    private string StackTrace()
    {
        var builder = new StringBuilder();
        builder.Append(Pick("System.InvalidOperationException", "System.TimeoutException", "Xunit.Sdk.EqualException", "System.Net.Http.HttpRequestException"))
            .Append(": ").Append(Pick("Sequence contains no elements", "The operation has timed out.", "Response status code does not indicate success: 401 (Unauthorized).", "Token validation failed: lifetime expired."));
        for (var i = 0; i < 4; i++)
        {
            builder.Append('\n').Append(CultureInfo.InvariantCulture, $"   at Orders.{Pick("Api", "Domain", "Data")}.{Pick("OrderService", "TokenValidator", "PasswordPolicy", "SessionStore")}.{Pick("HandleAsync", "Validate", "Load", "Save")}(String id, CancellationToken cancellationToken) in /work/src/Orders/{Pick("OrderService", "TokenValidator")}.cs:line {_random.Next(10, 400)}");
        }

        return builder.ToString();
    }

    private string Fill(string template) => template
        .Replace("{n}", _random.Next(1, 100000).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{d}", _random.Next(1, 9).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{ms}", _random.Next(1, 500).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{port}", _random.Next(1024, 65535).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{guid}", Guid(), StringComparison.Ordinal)
        .Replace("{date}", Date(), StringComparison.Ordinal);

    private string Test() => Tests[_random.Next(Tests.Length)];

    private string Guid() => new System.Guid(Bytes(16)).ToString();

    private string Date() => new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(_random.Next(500000)).ToString("R", CultureInfo.InvariantCulture);

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        _random.NextBytes(bytes);
        return bytes;
    }

    private string R(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];
}
