using System.Globalization;
using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// Generates format-valid but fake secrets, embedded in realistic contexts, from a fixed seed. Nothing here is a real
/// credential; values are generated at test time so that no token-shaped literal is committed.
/// </summary>
internal sealed class SyntheticSecrets(int seed)
{
    public const string EnvironmentSecretName = "ORDERS_SIGNING_SECRET";

    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string Base64 = Alnum + "+/";
    private const string Hex = "0123456789abcdef";

    private readonly Random _random = new(seed);

    /// <summary>The value of <see cref="EnvironmentSecretName"/> in the fake environment: a secret with no recognisable format.</summary>
    public string EnvironmentSecret { get; } = "plain-" + new Random(seed + 1).Next(100000, 999999).ToString(CultureInfo.InvariantCulture) + "-orchid-lantern";

    public IReadOnlyList<CorpusSecret> Generate(int perKind)
    {
        return CorpusGenerators.Generate(Generators(), perKind);
    }

    private IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> Generators()
    {
        yield return (SecretKind.AwsAccessKeyId, i =>
        {
            var id = Pick("AKIA", "ASIA") + R(Upper + "234567", 16);
            return (id, Context(i, "aws_access_key_id", id));
        });
        yield return (SecretKind.AwsSecretAccessKey, i =>
        {
            var key = R(Base64, 40);
            return (key, (i % 4) switch
            {
                0 => $"aws_secret_access_key = {key}",
                1 => $"{{\"AccessKeyId\": \"AKIA{R(Upper, 16)}\", \"SecretAccessKey\": \"{key}\"}}",
                2 => $"export AWS_SECRET_ACCESS_KEY={key}",
                _ => $"2025-03-01T10:00:00Z WARN s3 client configured with secret_access_key: '{key}'",
            });
        });
        yield return (SecretKind.GcpApiKey, i =>
        {
            var key = "AIza" + R(Alnum + "_-", 35);
            return (key, (i % 3) switch
            {
                0 => $"GET https://maps.googleapis.com/maps/api/geocode/json?address=Oslo&key={key} 200",
                1 => $"{{\"apiKey\":\"{key}\",\"projectId\":\"orders-test\"}}",
                _ => $"Google.Apis.Requests.RequestError: API key not valid ({key}) [400]",
            });
        });
        yield return (SecretKind.GcpServiceAccountKey, i =>
        {
            var body = string.Join("\\n", Enumerable.Range(0, 6).Select(_ => R(Base64, 64)));
            var text = $"{{\"type\": \"service_account\", \"project_id\": \"ci-{i}\", \"private_key\": \"-----BEGIN PRIVATE KEY-----\\n{body}\\n-----END PRIVATE KEY-----\\n\", \"client_email\": \"ci@ci-{i}.iam.gserviceaccount.com\"}}";
            return (body, text);
        });
        yield return (SecretKind.AzureStorageKey, i =>
        {
            var key = R(Base64, 86) + "==";
            var busKey = R(Base64, 43) + "=";
            return (i % 3) switch
            {
                0 => (key, $"DefaultEndpointsProtocol=https;AccountName=ordersci{i};AccountKey={key};EndpointSuffix=core.windows.net"),
                1 => (key, $"Azure.RequestFailedException: Server failed to authenticate the request. ConnectionString='AccountName=acct;AccountKey={key}'"),
                _ => (busKey, $"Endpoint=sb://ci-bus.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={busKey}"),
            };
        });
        yield return (SecretKind.AzureSasSignature, i =>
        {
            var sig = R(Base64, 43) + "%3D";
            return (sig, (i % 2) switch
            {
                0 => $"PUT https://ordersci.blob.core.windows.net/artifacts/run-{i}.zip?sv=2022-11-02&ss=b&srt=o&sp=rwc&se=2025-12-31T00:00:00Z&sig={sig} 201",
                _ => $"SharedAccessSignature=sv=2022-11-02&ss=bfqt&srt=sco&sp=rl&se=2026-01-01T00:00:00Z&sig={sig}",
            });
        });
        yield return (SecretKind.GitHubToken, i =>
        {
            var token = (i % 6) switch
            {
                0 => "ghp_" + R(Alnum, 36),
                1 => "gho_" + R(Alnum, 36),
                2 => "ghu_" + R(Alnum, 36),
                3 => "ghs_" + R(Alnum, 36),
                4 => "ghr_" + R(Alnum, 36),
                _ => "github_pat_" + R(Alnum, 22) + "_" + R(Alnum, 59),
            };
            return (token, (i % 3) switch
            {
                0 => $"git clone https://x-access-token:{token}@github.com/hologram-testing/fixtures.git",
                1 => $"Octokit.AuthorizationException: Bad credentials for token {token}",
                _ => Context(i, "GITHUB_TOKEN", token),
            });
        });
        yield return (SecretKind.GitLabToken, i =>
        {
            var token = Pick("glpat-", "glpat-", "gldt-", "glrt-") + R(Alnum + "_-", 20);
            return (token, Context(i, "CI_JOB_TOKEN", token));
        });
        yield return (SecretKind.SlackToken, i =>
        {
            var token = (i % 3) switch
            {
                0 => $"xoxb-{R(Digits, 11)}-{R(Digits, 13)}-{R(Alnum, 24)}",
                1 => $"xoxp-{R(Digits, 11)}-{R(Digits, 11)}-{R(Digits, 13)}-{R(Hex, 32)}",
                _ => $"xapp-1-A{R(Upper + Digits, 10)}-{R(Digits, 13)}-{R(Hex, 64)}",
            };
            return (token, Context(i, "SLACK_BOT_TOKEN", token));
        });
        yield return (SecretKind.SlackWebhook, i =>
        {
            var path = $"T{R(Upper + Digits, 8)}/B{R(Upper + Digits, 10)}/{R(Alnum, 24)}";
            return (path, (i % 2) switch
            {
                0 => $"POST https://hooks.slack.com/services/{path} 200 (84 ms)",
                _ => $"{{\"notify\": {{\"slack\": \"https://hooks.slack.com/services/{path}\"}}}}",
            });
        });
        yield return (SecretKind.StripeKey, i =>
        {
            var key = Pick("sk_live_", "rk_live_", "sk_test_", "rk_test_") + R(Alnum, 24 + (i % 3 * 24));
            return (key, Context(i, "STRIPE_API_KEY", key));
        });
        yield return (SecretKind.NpmToken, i =>
        {
            var token = "npm_" + R(Alnum, 36);
            return (token, (i % 2) switch
            {
                0 => $"//registry.npmjs.org/:_authToken={token}",
                _ => Context(i, "NPM_TOKEN", token),
            });
        });
        yield return (SecretKind.NuGetApiKey, i =>
        {
            var key = "oy2" + R(Lower + Digits, 43);
            return (key, (i % 2) switch
            {
                0 => $"dotnet nuget push artifacts/Hologram.Testing.0.1.{i}.nupkg --api-key {key} --source https://api.nuget.org/v3/index.json",
                _ => Context(i, "NUGET_API_KEY", key),
            });
        });
        yield return (SecretKind.Jwt, i =>
        {
            var header = B64Url($"{{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"{R(Hex, 8)}\"}}");
            var payload = B64Url($"{{\"sub\":\"user-{i}\",\"iat\":{1700000000 + i},\"scope\":\"orders.read\"}}");
            var jwt = $"{header}.{payload}.{R(Alnum + "_-", 43)}";
            return (jwt, (i % 3) switch
            {
                0 => $"id_token={jwt}",
                1 => $"{{\"access_token\":\"{jwt}\",\"token_type\":\"Bearer\",\"expires_in\":3600}}",
                _ => $"System.Security.Authentication.AuthenticationException: token rejected: {jwt}",
            });
        });
        yield return (SecretKind.BearerToken, i =>
        {
            var token = R(Alnum, 20) + R(Digits, 4) + R(Alnum + "-._~", 16);
            return (token, (i % 3) switch
            {
                0 => $"Authorization: Bearer {token}",
                1 => $"HttpRequestMessage: Method: GET, RequestUri: 'https://api.orders.test/v1/orders', Headers: {{ Authorization: Bearer {token} }}",
                _ => $"curl -H \"Authorization: Bearer {token}\" https://api.orders.test/health",
            });
        });
        yield return (SecretKind.BasicAuth, i =>
        {
            var credential = Convert.ToBase64String(Encoding.UTF8.GetBytes($"svc-{R(Lower, 5)}:{R(Alnum, 14)}"));
            return (credential, (i % 2) switch
            {
                0 => $"Authorization: Basic {credential}",
                _ => $"request headers: {{\"Authorization\": \"Basic {credential}\", \"Accept\": \"application/json\"}}",
            });
        });
        yield return (SecretKind.PrivateKey, i =>
        {
            var label = Pick("RSA PRIVATE KEY", "EC PRIVATE KEY", "PRIVATE KEY", "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
            var body = string.Join("\n", Enumerable.Range(0, 5 + (i % 10)).Select(_ => R(Base64, 64))) + "\n" + R(Base64, 20) + "==";
            return (body, $"fixture key loaded:\n-----BEGIN {label}-----\n{body}\n-----END {label}-----\n");
        });
        yield return (SecretKind.UrlPassword, i =>
        {
            var password = R(Alnum, 12) + Pick("!", "-", "_", "~", "9");
            return (password, (i % 4) switch
            {
                0 => $"connecting to postgres://orders:{password}@db.ci.internal:5432/orders",
                1 => $"REDIS_URL=redis://:{password}@cache.ci.internal:6379/0",
                2 => $"amqp://guest:{password}@rabbit.ci.internal:5672/ failed: connection refused",
                _ => $"{{\"mongo\": \"mongodb://admin:{password}@mongo-0.ci.internal:27017/?authSource=admin\"}}",
            });
        });
        yield return (SecretKind.ConnectionStringPassword, i =>
        {
            var password = R(Alnum, 10) + Pick("#1", "!x", "$3", "%9", "77");
            return (password, (i % 4) switch
            {
                0 => $"Server=tcp:sql.ci.internal,1433;Database=Orders;User ID=sa;Password={password};Encrypt=True;TrustServerCertificate=True",
                1 => $"Host=pg.ci.internal;Port=5432;Database=orders;Username=orders;Password={password}",
                2 => $"Microsoft.Data.SqlClient.SqlException: Login failed. Data Source=.;Initial Catalog=Orders;Uid=app;Pwd={password};",
                _ => $"{{\"ConnectionStrings\": {{\"Orders\": \"Password={password};Host=pg;Database=orders\"}}}}",
            });
        });
        yield return (SecretKind.SessionCookie, i =>
        {
            var value = R(Alnum, 32);
            return (value, (i % 4) switch
            {
                0 => $"Cookie: theme=dark; sessionid={value}; lang=en",
                1 => $"Set-Cookie: JSESSIONID={value}; Path=/; Secure; HttpOnly",
                2 => $"Set-Cookie: .AspNetCore.Session=CfDJ8{value}; path=/; samesite=lax; httponly",
                _ => $"response headers: {{\"set-cookie\": \"__Host-auth_token={value}; Path=/; Secure\"}}",
            });
        });
        yield return (SecretKind.GenericSecret, i =>
        {
            var value = R(Alnum, 14) + R(Digits, 2);
            return (value, (i % 8) switch
            {
                0 => $"password={value}",
                1 => $"{{\"client_secret\": \"{value}\", \"client_id\": \"orders-ci\"}}",
                2 => $"  api_key: {value}",
                3 => $"DB_PASSWORD={value}",
                4 => $"dotnet run -- --token {value}",
                5 => $"<apiKey>{value}</apiKey>",
                6 => $"InvalidOperationException: could not sign request (secret='{value}')",
                _ => $"settings: {{ Passphrase = {value}, Retries = 3 }}",
            });
        });
        yield return (SecretKind.KnownSecret, i =>
        {
            var secret = EnvironmentSecret;
            return (secret, (i % 3) switch
            {
                0 => $"signing payload with {secret} for order {i}",
                1 => $"{{\"signer\":\"{secret}\"}}",
                _ => $"System.Exception: HMAC mismatch using key {secret}",
            });
        });
    }

    private string Context(int i, string name, string value) => (i % 5) switch
    {
        0 => $"{name}={value}",
        1 => $"[12:00:0{i % 10}.123 INF] Using credential {value} for upload",
        2 => $"{{\"level\":\"debug\",\"msg\":\"env\",\"{name}\":\"{value}\"}}",
        3 => $"System.UnauthorizedAccessException: The credential '{value}' was rejected by the server.",
        _ => $"  env: {name}: \"{value}\"",
    };

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

    private static string B64Url(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
