using System.Text;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// A held-out corpus: token kinds and configuration contexts the other corpora do not hold (Twilio, Okta, Cloudflare,
/// Discord bots, Meta, Datadog, SonarQube, Tailscale, JFrog, Azure Functions keys, …; <c>dotnet user-secrets set</c>,
/// Terraform/HCL, <c>.npmrc</c>, Docker <c>config.json</c>, Kubernetes Secret data, kubeconfig, <c>curl</c> headers and
/// <c>-u</c>, <c>.netrc</c>, <c>.pgpass</c>, command-line password flags, Gradle properties, redis.conf), written from the
/// providers' documented formats and the tools' documented files, generated from a seed.
/// </summary>
internal sealed class HeldOutSecrets(int seed)
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string UrlSafe = Alnum + "_-";
    private const string Hex = "0123456789abcdef";
    private const string Symbols = "!#%&*+=?@^~";

    private static readonly string[] Words = ["orders", "summer", "Falcon", "river", "Blue", "tiger", "Maple", "cobalt", "night", "Delta", "quartz", "Harbor"];

    private readonly Random _random = new(seed);

    /// <summary>Every held-out kind, <paramref name="perKind"/> entries each, cycling through the kind's contexts.</summary>
    public IReadOnlyList<CorpusSecret> All(int perKind)
    {
        return CorpusGenerators.Generate(Generators(), perKind);
    }

    private IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> Generators()
    {
        (string, Func<int, (string, string)>) Kind(string kind, Func<string> secret, params Func<string, string>[] contexts) =>
            (kind, i =>
            {
                var value = secret();
                return (value, contexts[i % contexts.Length](value));
            });

        yield return Kind("twilio-auth-token", () => R(Hex, 32),
            v => $"TWILIO_AUTH_TOKEN={v}",
            v => $"  \"Twilio\": {{ \"AccountSid\": \"AC{R(Hex, 32)}\", \"AuthToken\": \"{v}\" }},",
            v => $"curl -X POST https://api.twilio.com/2010-04-01/Accounts/AC{R(Hex, 32)}/Messages.json -u AC{R(Hex, 32)}:{v}",
            v => $"TwilioClient.Init(\"AC{R(Hex, 32)}\", \"{v}\");",
            v => $"  auth_token: {v}");
        yield return Kind("twilio-api-secret", () => R(Alnum, 32),
            v => $"TWILIO_API_KEY=SK{R(Hex, 32)} TWILIO_API_SECRET={v}",
            v => $"curl https://api.twilio.com/2010-04-01/Accounts.json -u SK{R(Hex, 32)}:{v}",
            v => $"    \"ApiSecret\": \"{v}\"");
        yield return Kind("okta-api-token", () => "00" + R(UrlSafe, 40),
            v => $"Authorization: SSWS {v}",
            v => $"curl -H \"Accept: application/json\" -H \"Authorization: SSWS {v}\" https://corp.okta.com/api/v1/users",
            v => $"OKTA_CLIENT_TOKEN={v}",
            v => $"    token: {v}",
            v => $"okta_api_token = \"{v}\"");
        yield return Kind("cloudflare-api-token", () => R(UrlSafe, 40),
            v => $"CLOUDFLARE_API_TOKEN={v}",
            v => $"provider \"cloudflare\" {{ api_token = \"{v}\" }}",
            v => $"dns_cloudflare_api_token = {v}",
            v => $"  - CF_API_TOKEN={v}");
        yield return Kind("cloudflare-global-api-key", () => R(Hex, 37),
            v => $"X-Auth-Key: {v}",
            v => $"curl -H \"X-Auth-Email: ops@corp.io\" -H \"X-Auth-Key: {v}\" https://api.cloudflare.com/client/v4/zones",
            v => $"CF_API_KEY={v}",
            v => $"dns_cloudflare_api_key = {v}");
        yield return Kind("discord-bot-token", DiscordBot,
            v => $"DISCORD_TOKEN={v}",
            v => $"client.run(\"{v}\")",
            v => $"Authorization: Bot {v}",
            v => $"  \"Discord\": {{ \"BotToken\": \"{v}\" }}",
            v => $"await client.LoginAsync(TokenType.Bot, \"{v}\");");
        yield return Kind("facebook-access-token", () => "EAA" + Pick("B", "G", "J") + R(Alnum, _random.Next(150, 200)),
            v => $"GET https://graph.facebook.com/v19.0/me/accounts?access_token={v} 200",
            v => $"FB_PAGE_ACCESS_TOKEN={v}",
            v => $"  \"PageAccessToken\": \"{v}\"",
            v => $"curl -i -X GET \"https://graph.facebook.com/v19.0/me?fields=id,name&access_token={v}\"");
        yield return Kind("facebook-app-secret", () => R(Hex, 32),
            v => $"FACEBOOK_APP_SECRET={v}",
            v => $"  \"Facebook\": {{ \"AppId\": \"{R(Digits, 15)}\", \"AppSecret\": \"{v}\" }}",
            v => $"GET https://graph.facebook.com/oauth/access_token?client_id={R(Digits, 15)}&client_secret={v}&grant_type=client_credentials",
            v => $"Authentication:Facebook:AppSecret={v}");
        yield return Kind("npmrc-auth", () => Pick(Guid(), B64(Word() + ":" + Password()), B64(Password())),
            v => $"//registry.npmjs.org/:_authToken={v}",
            v => $"//nexus.corp.io/repository/npm-private/:_auth={v}",
            v => $"//artifactory.corp.io/api/npm/npm-local/:_password={v}",
            v => $"_auth = {v}");
        yield return Kind("docker-config-auth", () => B64(Pick("ci", "deploy", "robot$build") + ":" + Password()),
            v => $"{{\"auths\":{{\"registry.corp.io\":{{\"auth\":\"{v}\"}}}}}}",
            v => $"      \"auth\": \"{v}\"",
            v => $"{{\"auths\": {{\"https://index.docker.io/v1/\": {{\"auth\": \"{v}\", \"email\": \"ci@corp.io\"}}}}}}");
        yield return Kind("kubernetes-secret-data", () => B64(Password()),
            v => $"  password: {v}",
            v => $"  DB_PASSWORD: {v}",
            v => $"  api-token: {v}",
            v => $"  client-secret: {v}",
            v => $"data: {{\"password\": \"{v}\"}}");
        yield return Kind("kubernetes-dockerconfigjson", () => B64($"{{\"auths\":{{\"ghcr.io\":{{\"auth\":\"{B64("ci:" + Password())}\"}}}}}}"),
            v => $"  .dockerconfigjson: {v}",
            v => $"kubectl create secret generic regcred --type=kubernetes.io/dockerconfigjson --from-literal=.dockerconfigjson={v}");
        yield return Kind("kubernetes-tls-key", () => B64("-----BEGIN PRIVATE KEY-----\n" + R(Alnum + "+/", 64) + "\n" + R(Alnum + "+/", 64) + "\n-----END PRIVATE KEY-----\n"), // hologram:allow-secret (a template)
            v => $"  tls.key: {v}",
            v => $"    client-key-data: {v}");
        yield return Kind("kubeconfig-token", () => Pick(R(Lower + Digits, 6) + "." + R(Lower + Digits, 16), R(UrlSafe, 48)),
            v => $"    token: {v}",
            v => $"kubeadm join 10.0.0.4:6443 --token {v} --discovery-token-ca-cert-hash sha256:{R(Hex, 64)}",
            v => $"kubectl --token={v} get pods");
        yield return Kind("dotnet-user-secrets", Password,
            v => $"dotnet user-secrets set \"Smtp:Password\" \"{v}\"",
            v => $"dotnet user-secrets set \"Auth0:ClientSecret\" \"{v}\" --project src/Orders.Api",
            v => $"dotnet user-secrets set ApiKeys:Maps {v}",
            v => $"dotnet user-secrets set \"Jwt:SigningKey\" \"{v}\"",
            v => $"dotnet user-secrets set \"ConnectionStrings:Orders\" \"Server=db;Database=orders;User Id=app;Password={v}\""); // hologram:allow-secret (a template)
        yield return Kind("terraform-hcl", Password,
            v => $"variable \"db_password\" {{ default = \"{v}\" sensitive = true }}",
            v => $"  administrator_login_password = \"{v}\"",
            v => $"provider \"azurerm\" {{ client_secret = \"{v}\" }}",
            v => $"  secret_key = \"{v}\"",
            v => $"  master_password = \"{v}\"",
            v => $"TF_VAR_db_password={v} terraform apply");
        yield return Kind("curl-auth-header", () => Pick(R(Hex, 40), R(Alnum, 32), R(UrlSafe, 20), B64(R(Alnum, 20) + ":" + R(Alnum, 22))),
            v => $"curl -H \"Authorization: Token {v}\" https://netbox.corp.io/api/dcim/devices/",
            v => $"curl -H \"X-Auth-Token: {v}\" https://registry.corp.io/v2/",
            v => $"curl --header \"PRIVATE-TOKEN: {v}\" https://gitlab.corp.io/api/v4/projects",
            v => $"curl -H \"Api-Key: {v}\" https://api.corp.io/v1/orders",
            v => $"curl -H \"Authorization: ApiKey {v}\" https://es.corp.io:9200/_cat/indices");
        yield return Kind("curl-user", Password,
            v => $"curl -u admin:{v} https://jenkins.corp.io/api/json",
            v => $"curl --user deploy:{v} -T app.zip https://nexus.corp.io/repository/raw/",
            v => $"curl -s -u \"ci-bot:{v}\" https://artifactory.corp.io/api/system/ping");
        // A password in a URL is percent-encoded, as RFC 3986 and every client that builds one require.
        yield return Kind("url-credentials", () => Uri.EscapeDataString(Password()),
            v => $"git clone https://oauth2:{v}@gitlab.corp.io/group/orders.git",
            v => $"REDIS_URL=redis://:{v}@cache.internal:6379/0",
            v => $"amqp://orders:{v}@rabbit.internal:5672/orders",
            v => $"pip install --index-url https://ci:{v}@pypi.corp.io/simple orders-client");
        yield return Kind("netrc", () => Pick(Password(), Guid(), R(Alnum, 40)),
            v => $"machine api.heroku.com login ci@corp.io password {v}",
            v => $"machine github.com login x-access-token password {v}",
            v => $"machine nexus.corp.io\n  login deploy\n  password {v}");
        yield return Kind("pgpass", Password,
            v => $"db.corp.io:5432:orders:app:{v}",
            v => $"*:*:*:postgres:{v}");
        yield return Kind("cli-password-flag", Password,
            v => $"mysql -h db.internal -u root -p{v} orders < dump.sql",
            v => $"docker login -u ci -p {v} registry.corp.io",
            v => $"sshpass -p '{v}' ssh deploy@10.0.0.7",
            v => $"PGPASSWORD={v} psql -h db.internal -U app orders",
            v => $"az login --service-principal -u {Guid()} -p {v} --tenant {Guid()}",
            v => $"sqlcmd -S db.internal -U sa -P \"{v}\" -Q \"SELECT 1\"");
        yield return Kind("datadog-key", () => Pick(R(Hex, 32), R(Hex, 40)),
            v => $"DD_API_KEY={v}",
            v => $"curl -X GET https://api.datadoghq.com/api/v1/validate -H \"DD-API-KEY: {v}\"",
            v => $"  -H \"DD-APPLICATION-KEY: {v}\"",
            v => $"datadog:\n  apiKey: {v}");
        yield return Kind("google-oauth", () => Pick("GOCSPX-" + R(UrlSafe, 28), "ya29." + R(UrlSafe, 120), "1//0" + R(UrlSafe, 99)),
            v => $"Authentication:Google:ClientSecret={v}",
            v => $"  \"refresh_token\": \"{v}\",",
            v => $"GOOGLE_CLIENT_SECRET={v}",
            v => $"oauth2 credentials loaded: {v}");
        yield return Kind("ai-provider-keys", () => Pick("lsv2_pt_" + R(Hex, 32) + "_" + R(Hex, 10), "pcsk_" + R(Alnum, 6) + "_" + R(Alnum, 63), R(Alnum, 32), "sk-" + R(Hex, 32)),
            v => $"LANGSMITH_API_KEY={v}",
            v => $"PINECONE_API_KEY={v}",
            v => $"MISTRAL_API_KEY={v}",
            v => $"DEEPSEEK_API_KEY={v}",
            v => $"    \"ApiKey\": \"{v}\"");
        yield return Kind("sonarqube-token", () => Pick("squ_", "sqp_", "sqa_") + R(Hex, 40),
            v => $"SONAR_TOKEN={v}",
            v => $"dotnet sonarscanner begin /k:\"orders\" /d:sonar.token=\"{v}\" /d:sonar.host.url=\"https://sonar.corp.io\"",
            v => $"sonar.login={v}",
            v => $"using token {v} for analysis");
        yield return Kind("ci-tokens", () => Pick("bkua_" + R(Hex, 40), "CCIPAT_" + R(Alnum, 22) + "_" + R(Hex, 40), "nfp_" + R(Alnum, 36), R(Alnum, 24)),
            v => $"BUILDKITE_API_TOKEN={v}",
            v => $"CIRCLE_TOKEN={v}",
            v => $"NETLIFY_AUTH_TOKEN={v}",
            v => $"VERCEL_TOKEN={v}",
            v => $"  token: {v}");
        yield return Kind("tailscale-auth-key", () => "tskey-" + Pick("auth", "api", "client") + "-" + R(Alnum, 12) + "CNTRL-" + R(Alnum, 32),
            v => $"tailscale up --authkey={v}",
            v => $"TS_AUTHKEY={v}",
            v => $"  authkey: {v}",
            v => $"joined tailnet with {v}");
        yield return Kind("jfrog-key", () => Pick("AKCp" + R(Alnum, 69), "cmVmdGtuOjAxOj" + R(Alnum, 50)),
            v => $"X-JFrog-Art-Api: {v}",
            v => $"JFROG_API_KEY={v}",
            v => $"jf c add corp --url=https://corp.jfrog.io --access-token={v}",
            v => $"artifactory_api_key={v}");
        yield return Kind("azure-functions-key", () => R(UrlSafe, 54) + "==",
            v => $"POST https://orders-fn.azurewebsites.net/api/CreateOrder?code={v} 401",
            v => $"x-functions-key: {v}",
            v => $"curl -H \"x-functions-key: {v}\" https://orders-fn.azurewebsites.net/api/health");
        yield return Kind("azure-connection-secret", () => B64Raw(32),
            v => $"Endpoint=https://orders-cfg.azconfig.io;Id=Ab1C-l0-s0:{R(Alnum, 20)};Secret={v}",
            v => $"  \"AppConfig\": \"Endpoint=https://orders-cfg.azconfig.io;Id=Ab1C-l0-s0:{R(Alnum, 20)};Secret={v}\"",
            v => $"aeg-sas-key: {v}");
        yield return Kind("saas-header-keys", () => Guid(),
            v => $"X-Postmark-Server-Token: {v}",
            v => $"LaunchDarkly:SdkKey=sdk-{v}",
            v => $"HEROKU_API_KEY={v}",
            v => $"SNYK_TOKEN={v}",
            v => $"CONSUL_HTTP_TOKEN={v}");
        yield return Kind("gradle-maven-properties", Password,
            v => $"ossrhPassword={v}",
            v => $"signing.password={v}",
            v => $"artifactoryPassword={v}",
            v => $"mavenCentralPassword={v}",
            v => $"systemProp.https.proxyPassword={v}");
        yield return Kind("redis-conf", Password,
            v => $"requirepass {v}",
            v => $"masterauth {v}",
            v => $"redis-cli -h cache.internal -a {v} PING");
        yield return Kind("aws-session-token", () => "IQoJb3JpZ2luX2Vj" + R(Alnum + "+/", 300) + "=",
            v => $"aws_session_token = {v}",
            v => $"AWS_SESSION_TOKEN={v}",
            v => $"  \"SessionToken\": \"{v}\",");
    }

    /// <summary>
    /// Ordinary lines in the same files and commands without a secret: uid:gid pairs, prompts, <c>--password-stdin</c>,
    /// shell variables, WebSocket and cache keys, request ids, Digest headers, certificates, placeholders.
    /// </summary>
    public IEnumerable<string> LookAlikes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 30) switch
            {
                0 => $"docker run --rm -u {_random.Next(1000, 1100)}:{_random.Next(1000, 1100)} -v $PWD:/src mcr.microsoft.com/dotnet/sdk:9.0",
                1 => "git push -u origin feature/orders-export",
                2 => "echo \"$REGISTRY_PASSWORD\" | docker login -u ci --password-stdin registry.corp.io",
                3 => "curl -u \"$NEXUS_USER:$NEXUS_PASSWORD\" https://nexus.corp.io/service/rest/v1/status",
                4 => "mysql -h db.internal -u root -p orders",
                5 => $"Sec-WebSocket-Key: {B64Raw(16)}",
                6 => $"  cache-key: Linux-nuget-{R(Hex, 40)}",
                7 => $"Idempotency-Key: {Guid()}",
                8 => $"X-Request-Id: {R(Hex, 32)}",
                9 => "Authorization: Digest username=\"ci\", realm=\"orders\", nonce=\"dcd98b7102dd2f0e\", uri=\"/\", response=\"6629fae49393a053\"",
                10 => $"    client-certificate-data: {B64("-----BEGIN CERTIFICATE-----\n" + R(Alnum, 64) + "\n-----END CERTIFICATE-----\n")}",
                11 => "kubeadm join 10.0.0.4:6443 --token <token> --discovery-token-ca-cert-hash sha256:<hash>",
                12 => "variable \"db_password\" { type = string sensitive = true }",
                13 => "Password changed for user ci-bot",
                14 => "requirepass \"\"",
                15 => $"GET /api/orders?code={_random.Next(100, 999)}&page=2 200",
                16 => "  \"auth\": \"none\",",
                17 => "dotnet user-secrets set \"Smtp:Password\" \"$SMTP_PASSWORD\"",
                18 => "dotnet user-secrets list --project src/Orders.Api",
                19 => "localhost:5432:*:postgres:*",
                20 => $"machine {Word()}.corp.io login ci password ${{NETRC_PASSWORD}}",
                21 => $"sshpass -p \"$DEPLOY_PASSWORD\" ssh deploy@10.0.0.{_random.Next(2, 250)}",
                22 => $"Authorization: Bearer ${{TOKEN}}  X-Correlation-Key: {R(Hex, 24)}",
                23 => $"  tls.crt: {B64("-----BEGIN CERTIFICATE-----\n" + R(Alnum, 48))}",
                24 => $"Started session {R(Lower, 6)}.{R(Lower, 16)} for orders",
                25 => $"ssh -p {_random.Next(2000, 2300)} deploy@bastion.corp.io",
                26 => $"redis-cli -h cache.internal -p 6379 INFO keyspace  # {Word()}",
                27 => $"Joined as bot {Word()}; both shards ready in {_random.Next(20, 900)} ms",
                28 => "TwilioClient.Init(accountSid, authToken);",
                _ => $"sqlcmd -S db.internal -E -Q \"SELECT name FROM sys.databases\"  -- {R(Hex, 8)}",
            };
        }
    }

    // A Discord bot token: base64 of the bot's snowflake id, a timestamp part and an HMAC part.
    private string DiscordBot()
    {
        var id = (1_000_000_000_000_000_00L / 10 + _random.NextInt64(0, 400_000_000_000_000_000L)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = Convert.ToBase64String(Encoding.ASCII.GetBytes(id)).TrimEnd('=');
        return head + "." + R(UrlSafe, 6) + "." + R(UrlSafe, 38);
    }

    private string Password()
    {
        return (_random.Next(4)) switch
        {
            0 => Word() + R(Digits, 3) + R(Symbols, 1) + Word(),
            1 => R(Alnum + Symbols, _random.Next(12, 24)),
            2 => Word() + "-" + Word() + "-" + R(Digits, 2) + R(Symbols, 1),
            _ => R(Alnum, _random.Next(16, 33)),
        };
    }

    private string Word() => Words[_random.Next(Words.Length)];

    private string Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private string B64Raw(int bytes)
    {
        var data = new byte[bytes];
        _random.NextBytes(data);
        return Convert.ToBase64String(data);
    }

    private string Pick(params string[] choices) => choices[_random.Next(choices.Length)];

    private string R(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = alphabet[_random.Next(alphabet.Length)];
        }

        return new string(chars);
    }
}
