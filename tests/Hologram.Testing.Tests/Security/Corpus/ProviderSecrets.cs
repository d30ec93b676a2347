using System.Globalization;
using System.Text;
using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// Fake tokens in the providers' published formats (AI providers, chat, email, payment, registries, observability,
/// secret managers, hosting), and secrets under secret-named keys in configuration and HTTP forms, generated from a seed.
/// </summary>
internal sealed class ProviderSecrets(int seed)
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string UrlSafe = Alnum + "_-";
    private const string Base64 = Alnum + "+/";
    private const string Hex = "0123456789abcdef";
    private const string Bech32 = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";

    private readonly Random _random = new(seed);

    /// <summary>Tokens with a provider prefix or marker, in log, env, JSON, YAML and exception contexts.</summary>
    public IReadOnlyList<CorpusSecret> Providers(int perKind) => Generate(ProviderGenerators(), perKind);

    /// <summary>Secrets without a known format under secret-named keys, in configuration and HTTP forms.</summary>
    public IReadOnlyList<CorpusSecret> Contexts(int perKind) => Generate(ContextGenerators(), perKind);

    private static List<CorpusSecret> Generate(IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> generators, int perKind) =>
        CorpusGenerators.Generate(generators, perKind);

    private IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> ProviderGenerators()
    {
        (string, Func<int, (string, string)>) Token(string kind, string name, Func<string> make) => (kind, i =>
        {
            var token = make();
            return (token, Context(i, name, token));
        });

        yield return Token(SecretKind.AnthropicApiKey, "ANTHROPIC_API_KEY", () => "sk-ant-" + Pick("api03", "admin01") + "-" + R(UrlSafe, 93) + "AA");
        yield return Token(SecretKind.OpenAiApiKey, "OPENAI_API_KEY", () => Pick(
            "sk-proj-" + R(UrlSafe, 156),
            "sk-svcacct-" + R(UrlSafe, 120),
            "sk-" + R(Alnum, 20) + "T3BlbkFJ" + R(Alnum, 20)));
        yield return Token(SecretKind.HuggingFaceToken, "HF_TOKEN", () => "hf_" + R(Alnum, 34));
        yield return Token(SecretKind.GroqApiKey, "GROQ_API_KEY", () => "gsk_" + R(Alnum, 52));
        yield return Token(SecretKind.ReplicateToken, "REPLICATE_API_TOKEN", () => "r8_" + R(Alnum, 37));
        yield return Token(SecretKind.PerplexityApiKey, "PPLX_KEY", () => "pplx-" + R(Alnum, 48));
        yield return Token(SecretKind.XaiApiKey, "XAI_KEY", () => "xai-" + R(Alnum, 80));
        yield return Token(SecretKind.TelegramBotToken, "TELEGRAM_BOT", () => N(8, 10) + ":AA" + R(UrlSafe, 33));
        yield return (SecretKind.DiscordWebhook, i =>
        {
            var token = R(UrlSafe, 68);
            return (token, $"POST https://discord.com/api/webhooks/{N(18, 19)}/{token} -> 204");
        });
        yield return (SecretKind.TeamsWebhook, i =>
        {
            var path = $"{Guid()}@{Guid()}/IncomingWebhook/{R(Hex, 32)}/{Guid()}";
            return (path, $"notify: https://contoso.webhook.office.com/webhookb2/{path}");
        });
        yield return Token(SecretKind.SendGridApiKey, "SENDGRID_API_KEY", () => "SG." + R(UrlSafe, 22) + "." + R(UrlSafe, 43));
        yield return Token(SecretKind.MailgunApiKey, "MAILGUN", () => "key-" + R(Hex, 32));
        yield return Token(SecretKind.MailchimpApiKey, "MAILCHIMP", () => R(Hex, 32) + "-us" + N(1, 2));
        yield return Token(SecretKind.ShopifyToken, "SHOPIFY", () => Pick("shpat_", "shpca_", "shppa_", "shpss_") + R(Hex, 32));
        yield return Token(SecretKind.SquareToken, "SQUARE", () => Pick("EAAA" + R(UrlSafe, 60), "sq0csp-" + R(UrlSafe, 43), "sq0atp-" + R(UrlSafe, 22)));
        yield return Token(SecretKind.PyPiToken, "TWINE_PASSWORD_VALUE", () => "pypi-AgEIcHlwaS5vcmc" + R(UrlSafe, 70));
        yield return Token(SecretKind.RubyGemsApiKey, "GEM_HOST", () => "rubygems_" + R(Hex, 48));
        yield return Token(SecretKind.DockerHubToken, "DOCKERHUB", () => Pick("dckr_pat_", "dckr_oat_") + R(UrlSafe, 27));
        yield return Token(SecretKind.DigitalOceanToken, "DO", () => Pick("dop_v1_", "doo_v1_", "dor_v1_") + R(Hex, 64));
        yield return Token(SecretKind.HerokuApiKey, "HEROKU", () => "HRKU-" + R(UrlSafe, 60));
        yield return Token(SecretKind.AtlassianApiToken, "JIRA", () => "ATATT3xFfGF0" + R(UrlSafe, 180) + "=" + R(Hex.ToUpperInvariant(), 8));
        yield return Token(SecretKind.BitbucketAppPassword, "BITBUCKET", () => "ATBB" + R(Alnum, 32));
        yield return Token(SecretKind.LinearApiKey, "LINEAR", () => "lin_api_" + R(Alnum, 40));
        yield return Token(SecretKind.NotionToken, "NOTION", () => Pick("ntn_" + R(Digits, 11) + R(Alnum, 35), "secret_" + R(Alnum, 43)));
        yield return Token(SecretKind.SentryToken, "SENTRY", () => Pick("sntrys_eyJ" + R(Base64, 120) + "_" + R(Base64, 43), "sntryu_" + R(Hex, 64)));
        yield return Token(SecretKind.NewRelicKey, "NEW_RELIC", () => Pick("NRAK-" + R(Upper + Digits, 27), "NRJS-" + R(Hex, 19), "NRII-" + R(UrlSafe[..62], 32)));
        yield return Token(SecretKind.GrafanaToken, "GRAFANA", () => Pick("glc_" + R(Base64, 120) + "==", "glsa_" + R(Alnum, 32) + "_" + R(Hex, 8)));
        yield return Token(SecretKind.DynatraceToken, "DT", () => "dt0c01." + R(Upper + Digits, 24) + "." + R(Upper + Digits, 64));
        yield return Token(SecretKind.VaultToken, "VAULT", () => Pick("hvs.", "hvb.") + R(UrlSafe, 90));
        yield return Token(SecretKind.TerraformToken, "TFC", () => R(Alnum, 14) + ".atlasv1." + R(UrlSafe, 67));
        yield return Token(SecretKind.DopplerToken, "DOPPLER", () => "dp." + Pick("pt", "st", "sa", "ct") + "." + R(Alnum, 43));
        yield return Token(SecretKind.OnePasswordToken, "OP_SERVICE_ACCOUNT", () => "ops_eyJ" + R(UrlSafe, 300));
        yield return Token(SecretKind.PulumiToken, "PULUMI", () => "pul-" + R(Hex, 40));
        yield return Token(SecretKind.PostmanApiKey, "POSTMAN", () => "PMAK-" + R(Hex, 24) + "-" + R(Hex, 34));
        yield return Token(SecretKind.DatabricksToken, "DATABRICKS", () => "dapi" + R(Hex, 32) + Pick(string.Empty, "-2"));
        yield return Token(SecretKind.AlibabaAccessKey, "ALIBABA", () => "LTAI" + R(Alnum, 20));
        yield return Token(SecretKind.PlanetScaleToken, "PSCALE", () => Pick("pscale_tkn_", "pscale_pw_") + R(UrlSafe, 43));
        yield return Token(SecretKind.SupabaseToken, "SUPABASE", () => "sbp_" + R(Hex, 40));
        yield return Token(SecretKind.FlyIoToken, "FLY", () => "fo1_" + R(UrlSafe, 43));
        yield return Token(SecretKind.MapboxToken, "MAPBOX", () => "sk.eyJ" + R(UrlSafe, 60) + "." + R(UrlSafe, 22));
        yield return Token(SecretKind.AzureDevOpsPat, "ADO", () => R(Alnum, 56) + "JQQJ99BDACAAAAAAAAAA" + "AZDO" + R(Alnum, 4));
        yield return Token(SecretKind.AzureAdClientSecret, "ENTRA", () => R(Alnum, 3) + N(1, 1) + "Q~" + R(Alnum + "_~.-", 34));
        yield return Token(SecretKind.FirebaseCloudMessagingKey, "FCM", () => "AAAA" + R(UrlSafe, 7) + ":APA91b" + R(UrlSafe, 134));
        yield return Token(SecretKind.AgeSecretKey, "AGE", () => "AGE-SECRET-KEY-1" + R(Bech32, 58));
        yield return (SecretKind.PrivateKey, i =>
        {
            var body = R(Base64, 64) + "\n" + R(Base64, 64) + "\n" + R(Base64, 20);
            var jwk = R(UrlSafe, 30);
            return (i % 4 == 3 ? jwk : body[..30], (i % 4) switch
            {
                0 => $"---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"rsa-key\"\n{body}\n---- END SSH2 ENCRYPTED PRIVATE KEY ----",
                1 => $"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: ci\nPublic-Lines: 2\n{R(Base64, 64)}\n{R(Base64, 8)}\nPrivate-Lines: 3\n{body}\nPrivate-MAC: {R(Hex, 64)}",
                2 => $"<RSAKeyValue><Modulus>{R(Base64, 64)}</Modulus><Exponent>AQAB</Exponent><P>{R(Base64, 44)}</P><Q>{R(Base64, 44)}</Q><D>{body.Replace("\n", string.Empty, StringComparison.Ordinal)}</D></RSAKeyValue>",
                _ => $"{{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"{R(UrlSafe, 43)}\",\"y\":\"{R(UrlSafe, 43)}\",\"d\":\"{jwk}{R(UrlSafe, 13)}\"}}",
            });
        });
    }

    private IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> ContextGenerators()
    {
        string[] keys = ["ClientSecret", "signing_secret", "webhookSecret", "ApiKey", "x-api-key", "access_token", "refresh_token", "DB_PASSWORD", "privateKey", "auth_token"];
        yield return (SecretKind.GenericSecret, i =>
        {
            var key = keys[i % keys.Length];
            var value = R(Alnum, 12) + Pick("!", "#", "%", "9", "_") + R(Alnum + "-_", 16);
            return (value, (i / keys.Length % 8) switch
            {
                0 => $"  \"{key}\": \"{value}\",",
                1 => $"  {key}: {value}",
                2 => $"<add key=\"{key}\" value=\"{value}\" />",
                3 => $"{key.ToUpperInvariant()}={value}",
                4 => $"{key}: \"{value}\"",
                5 => $"X-Api-Key: {value}",
                6 => $"Server=db;Database=orders;User Id=app;Password={value};",
                _ => $"System.InvalidOperationException: invalid {key} '{value}'",
            });
        });
        yield return (SecretKind.SessionCookie, i =>
        {
            var value = R(UrlSafe, 40);
            return (value, $"Set-Cookie: {Pick(".AspNetCore.Session", "connect.sid", "session_id", "__Host-auth")}={value}; Path=/; HttpOnly");
        });
    }

    private string Context(int i, string name, string value) => (i % 6) switch
    {
        0 => $"export {name}={value}",
        1 => $"[12:00:0{i % 10}.123 INF] Using key {value} for requests",
        2 => $"{{\"level\":\"debug\",\"msg\":\"config\",\"{name.ToLowerInvariant()}\":\"{value}\"}}",
        3 => $"System.Net.Http.HttpRequestException: 401 for key '{value}'",
        4 => $"    {name}: \"{value}\"",
        _ => $"curl -H \"X-Key: {value}\" https://api.example.net/v1",
    };

    private string Guid() => new Guid(Enumerable.Range(0, 16).Select(_ => (byte)_random.Next(256)).ToArray()).ToString();

    private string N(int minDigits, int maxDigits)
    {
        var length = _random.Next(minDigits, maxDigits + 1);
        return (char)('1' + _random.Next(9)) + R(Digits, length - 1);
    }

    private string R(string alphabet, int length)
    {
        var chars = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            chars.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return chars.ToString();
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"provider secrets, seed {seed}");
}
