using System.Text;

namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>
/// The second held-out corpus: provider token formats (secret managers, hosting and cloud platforms, Azure connection
/// strings and SAS URLs, observability, payment, email and SMS, chat webhooks, work trackers, source hosts, package
/// registries, AI providers) and the contexts a .NET team's test output carries them in (exception messages,
/// <c>HttpClient</c> dumps, structured JSON logs, appsettings, Kubernetes and GitHub Actions YAML, <c>.config</c>,
/// <c>.csproj</c> and <c>NuGet.config</c> XML, env dumps, INI, TOML, command lines, query strings, cookies, URLs with
/// credentials, private keys in JSON), written from the published formats before the rules were read, generated from
/// a seed. <see cref="LookAlikes"/> writes ordinary lines of the same contexts: identifiers, digests, public keys,
/// placeholders, references to secret stores, masks, numbers and words under secret-named keys.
/// </summary>
internal sealed class HeldOutSecrets2(int seed)
{
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";
    private const string Alnum = Upper + Lower + Digits;
    private const string LowerAlnum = Lower + Digits;
    private const string UpperAlnum = Upper + Digits;
    private const string UrlSafe = Alnum + "_-";
    private const string Hex = "0123456789abcdef";
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    private static readonly string[] Words = ["ledger", "autumn", "Kestrel", "meadow", "Copper", "otter", "Birch", "saffron", "harvest", "Onyx", "lantern", "Juniper"];
    private static readonly string[] Services = ["orders", "billing", "catalog", "identity", "payments", "search", "notifications", "inventory"];

    private readonly Random _random = new(seed);

    // The form of the secret a context writes when it encodes it (base64, percent-encoding, PEM lines): what must not
    // survive redaction.
    private string? _shown;

    /// <summary>Every kind, <paramref name="perKind"/> entries each, cycling through the kind's contexts.</summary>
    public IReadOnlyList<CorpusSecret> All(int perKind)
    {
        return CorpusGenerators.Generate(Generators(), perKind);
    }

    private IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> Generators()
    {
        // Secret managers.
        yield return Kind("vault-token", () => Pick("hvs.", "hvb.") + "CAESI" + R(UrlSafe, 86), () => "s." + R(Alnum, 24),
            v => $"VAULT_TOKEN={v}",
            v => $"X-Vault-Token: {v}",
            v => $"vault login -method=token {v}",
            v => $"{{\"auth\":{{\"client_token\":\"{v}\",\"accessor\":\"{R(Alnum, 24)}\",\"policies\":[\"default\"],\"lease_duration\":2764800}}}}",
            v => $"info: Vault[0] Authenticated with token {v} (ttl 768h)");
        yield return Kind("doppler-token", () => Pick("dp.st.", "dp.sa.", "dp.ct.") + Pick("dev.", "prd.", "") + R(Alnum, 43), () => "dp.pt." + R(Alnum, 43),
            v => $"DOPPLER_TOKEN={v}",
            v => $"doppler run --token {v} -- dotnet test",
            v => $"  DOPPLER_TOKEN: {v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("1password-service-account", () => "ops_" + B64Url(Encoding.UTF8.GetBytes($"{{\"signInAddress\":\"my.1password.com\",\"userAuth\":{{\"method\":\"SRPg-4096\",\"alg\":\"PBES2g-HS256\",\"iterations\":650000,\"salt\":\"{R(UrlSafe, 22)}\"}},\"email\":\"{R(LowerAlnum, 26)}@1passwordserviceaccounts.com\",\"srpX\":\"{R(Hex, 64)}\",\"muk\":{{\"alg\":\"A256GCM\",\"k\":\"{R(UrlSafe, 43)}\"}},\"secretKey\":\"A3-{R(UpperAlnum, 6)}-{R(UpperAlnum, 11)}\"}}")),
            v => $"OP_SERVICE_ACCOUNT_TOKEN={v}",
            v => $"export OP_SERVICE_ACCOUNT_TOKEN=\"{v}\"",
            v => $"      OP_SERVICE_ACCOUNT_TOKEN: {v}");
        yield return Kind("infisical-token", () => $"st.{Guid()}.{R(Hex, 32)}.{R(Hex, 32)}",
            v => $"INFISICAL_TOKEN={v}",
            v => $"infisical export --token={v} --env=staging",
            v => $"\"Infisical\": {{ \"ServiceToken\": \"{v}\" }}");
        yield return Kind("infisical-client-secret", () => R(Hex, 64),
            v => $"INFISICAL_UNIVERSAL_AUTH_CLIENT_SECRET={v}",
            v => $"{{\"clientId\":\"{Guid()}\",\"clientSecret\":\"{v}\"}}",
            v => $"infisical login --method=universal-auth --client-id={Guid()} --client-secret={v}");
        yield return Kind("pulumi-token", () => "pul-" + R(Hex, 40),
            v => $"PULUMI_ACCESS_TOKEN={v}",
            v => $"  PULUMI_ACCESS_TOKEN: {v}",
            v => $"pulumi login --cloud-url https://api.pulumi.com  # token {v}");
        yield return Kind("akeyless-access-key", () => R(Alnum + "+/", 43) + "=",
            v => $"AKEYLESS_ACCESS_KEY={v}",
            v => $"akeyless auth --access-id p-{R(LowerAlnum, 12)} --access-key {v}");

        // Hosting and cloud platforms.
        yield return Kind("flyio-token", () => "FlyV1 fm2_" + R(Alnum + "+/", 180) + "==,fm2_" + R(Alnum + "+/", 120), () => "fo1_" + R(UrlSafe, 43),
            v => $"FLY_API_TOKEN={v}",
            v => $"flyctl deploy --access-token \"{v}\"",
            v => $"        FLY_API_TOKEN: \"{v}\"");
        yield return Kind("render-key", () => "rnd_" + R(Alnum, 32),
            v => $"RENDER_API_KEY={v}",
            v => $"Authorization: Bearer {v}",
            v => $"curl -s -H \"Authorization: Bearer {v}\" https://api.render.com/v1/services");
        yield return Kind("railway-token", () => Guid(),
            v => $"RAILWAY_TOKEN={v}",
            v => $"RAILWAY_API_TOKEN={v}",
            v => $"  RAILWAY_TOKEN: {v}");
        yield return Kind("vercel-token", () => R(Alnum, 24), () => "vercel_" + R(Alnum, 24),
            v => $"VERCEL_TOKEN={v}",
            v => $"vercel deploy --prod --token {v}",
            v => $"vercel --token={v} pull --yes --environment=preview",
            v => $"Authorization: Bearer {v}");
        yield return Kind("netlify-token", () => "nfp_" + R(Alnum, 36), () => R(UrlSafe, 43),
            v => $"NETLIFY_AUTH_TOKEN={v}",
            v => $"netlify deploy --prod --auth {v}",
            v => $"    NETLIFY_AUTH_TOKEN: {v}");
        yield return Kind("heroku-key", () => "HRKU-AA" + R(UrlSafe, 58), Guid,
            v => $"HEROKU_API_KEY={v}",
            v => $"machine api.heroku.com login ci@contoso.com password {v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("digitalocean-token", () => Pick("dop_v1_", "doo_v1_", "dor_v1_") + R(Hex, 64),
            v => $"DIGITALOCEAN_ACCESS_TOKEN={v}",
            v => $"doctl auth init --access-token {v}",
            v => $"spaces: {{ token: \"{v}\" }}");
        yield return Kind("digitalocean-spaces-secret", () => R(Alnum + "+/", 43),
            v => $"SPACES_SECRET_ACCESS_KEY={v}",
            v => $"\"Spaces\": {{ \"AccessKey\": \"DO00{R(UpperAlnum, 16)}\", \"SecretKey\": \"{v}\" }}");
        yield return Kind("linode-token", () => R(Hex, 64),
            v => $"LINODE_TOKEN={v}",
            v => $"LINODE_CLI_TOKEN={v}",
            v => $"linode-cli --token {v} linodes list",
            v => $"[DEFAULT]\ntoken = {v}\nregion = eu-central");
        yield return Kind("scaleway-secret-key", Guid,
            v => $"SCW_SECRET_KEY={v}",
            v => $"secret_key: {v}",
            v => $"access_key: SCW{R(UpperAlnum, 17)}\nsecret_key: {v}\ndefault_project_id: {Guid()}");
        yield return Kind("hetzner-token", () => R(Alnum, 64),
            v => $"HCLOUD_TOKEN={v}",
            v => $"hcloud context create ci --token {v}",
            v => $"  hcloud_token = \"{v}\"");
        yield return Kind("alibaba-secret", () => R(Alnum, 30),
            v => $"ALIBABA_CLOUD_ACCESS_KEY_SECRET={v}",
            v => $"aliyun configure set --access-key-id LTAI{R(Alnum, 20)} --access-key-secret {v}",
            v => $"\"AccessKeySecret\": \"{v}\",");
        yield return Kind("tencent-secret", () => R(Alnum, 32),
            v => $"TENCENTCLOUD_SECRET_KEY={v}",
            v => $"SecretId=AKID{R(Alnum, 32)}&SecretKey={v}&Region=ap-guangzhou",
            v => $"\"TencentCloud\": {{ \"SecretId\": \"AKID{R(Alnum, 32)}\", \"SecretKey\": \"{v}\" }}");
        yield return Kind("ibm-cloud-key", () => R(UrlSafe, 44),
            v => $"IBMCLOUD_API_KEY={v}",
            v => $"ibmcloud login --apikey {v} -r eu-de",
            v => $"{{\"name\":\"ci\",\"description\":\"\",\"createdAt\":\"2026-03-01T10:00+0000\",\"apikey\":\"{v}\"}}");
        yield return Kind("oracle-cloud-auth-token", () => R(Alnum + "()<>:;.{}[]#+-_", 20),
            v => $"OCI_AUTH_TOKEN='{v}'",
            v => $"docker login fra.ocir.io -u 'tenancy/oracleidentitycloudservice/ci@contoso.com' -p '{v}'");

        // Azure, every form.
        yield return Kind("azure-sas-url", () => Uri.EscapeDataString(B64(32)),
            v => $"https://{Acct()}.blob.core.windows.net/test-results/run-{Digits4()}.trx?sv=2022-11-02&ss=b&srt=co&sp=rwdlac&se=2026-12-31T23:59:59Z&st=2026-01-01T00:00:00Z&spr=https&sig={v}",
            v => $"Uploading to https://{Acct()}.blob.core.windows.net/artifacts?sp=racwdl&st=2026-05-01T08:00:00Z&se=2026-05-02T08:00:00Z&sv=2022-11-02&sr=c&sig={v}",
            v => $"System.Net.Http.HttpRequestException: Response status code does not indicate success: 403 (Server failed to authenticate the request.) at https://{Acct()}.queue.core.windows.net/jobs/messages?sv=2021-08-06&se=2026-06-01&sp=a&sig={v}",
            v => $"\"SasUri\": \"https://{Acct()}.file.core.windows.net/share?sv=2022-11-02&si=policy1&sr=s&sig={v}\"",
            v => $"BlobEndpoint=https://{Acct()}.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-09-01&sig={v}");
        yield return Kind("azure-storage-key", () => B64(64),
            v => $"DefaultEndpointsProtocol=https;AccountName={Acct()};AccountKey={v};EndpointSuffix=core.windows.net",
            v => $"AZURE_STORAGE_KEY={v}",
            v => $"az storage blob upload --account-name {Acct()} --account-key {v} -c results -f out.trx",
            v => $"\"StorageAccountKey\": \"{v}\",",
            v => $"Microsoft.WindowsAzure.Storage.StorageException: The remote server returned an error: (403) Forbidden. Connection: AccountName={Acct()};AccountKey={v}",
            v => $"  AZURE_STORAGE_ACCOUNT_KEY: {v}",
            v => $"[{{\"keyName\": \"key1\", \"permissions\": \"FULL\", \"value\": \"{v}\"}}]");
        yield return Kind("azure-servicebus-key", () => B64(32),
            v => $"Endpoint=sb://{Acct()}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={v}",
            v => $"\"ServiceBus\": \"Endpoint=sb://{Acct()}.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={v};EntityPath=orders\"",
            v => $"Azure.Messaging.ServiceBus.ServiceBusException: Unauthorized access (Endpoint=sb://{Acct()}.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey={v})",
            v => $"primaryKey: {v}");
        yield return Kind("azure-eventhubs-key", () => B64(32),
            v => $"EVENTHUB_CONNECTION_STRING=\"Endpoint=sb://{Acct()}.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey={v};EntityPath=telemetry\"",
            v => $"<add name=\"EventHub\" connectionString=\"Endpoint=sb://{Acct()}.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey={v}\" />");
        yield return Kind("azure-iothub-key", () => B64(32),
            v => $"HostName={Acct()}.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={v}",
            v => $"HostName={Acct()}.azure-devices.net;DeviceId=sensor-{Digits4()};SharedAccessKey={v}",
            v => $"SharedAccessSignature sr={Acct()}.azure-devices.net%2Fdevices%2Fsensor&sig={Esc(v)}&se=1767225600");
        yield return Kind("azure-cosmos-key", () => B64(64),
            v => $"AccountEndpoint=https://{Acct()}.documents.azure.com:443/;AccountKey={v};",
            v => $"\"CosmosDb\": {{ \"Endpoint\": \"https://{Acct()}.documents.azure.com:443/\", \"Key\": \"{v}\" }}",
            v => $"COSMOS_KEY={v}",
            v => $"new CosmosClient(\"https://{Acct()}.documents.azure.com:443/\", \"{v}\")");
        yield return Kind("azure-signalr-key", () => B64(32),
            v => $"Endpoint=https://{Acct()}.service.signalr.net;AccessKey={v};Version=1.0;",
            v => $"\"Azure:SignalR:ConnectionString\": \"Endpoint=https://{Acct()}.service.signalr.net;AccessKey={v};Version=1.0;\"");
        yield return Kind("azure-redis-key", () => B64(32),
            v => $"{Acct()}.redis.cache.windows.net:6380,password={v},ssl=True,abortConnect=False",
            v => $"StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s). {Acct()}.redis.cache.windows.net:6380,password={v},ssl=True");
        yield return Kind("azure-search-key", () => R(UpperAlnum, 52), () => R(Alnum, 52),
            v => $"api-key: {v}",
            v => $"AZURE_SEARCH_ADMIN_KEY={v}",
            v => $"\"Search\": {{ \"Endpoint\": \"https://{Acct()}.search.windows.net\", \"AdminKey\": \"{v}\" }}");
        yield return Kind("azure-openai-key", () => R(Hex, 32), () => R(Alnum, 84),
            v => $"AZURE_OPENAI_API_KEY={v}",
            v => $"api-key: {v}",
            v => $"Ocp-Apim-Subscription-Key: {v}");
        yield return Kind("azure-client-secret", () => R(Alnum, 3) + "8Q~" + R(UrlSafe + ".~", 34),
            v => $"AZURE_CLIENT_SECRET={v}",
            v => $"az login --service-principal -u {Guid()} -p {v} --tenant {Guid()}",
            v => $"\"AzureAd\": {{ \"TenantId\": \"{Guid()}\", \"ClientId\": \"{Guid()}\", \"ClientSecret\": \"{v}\" }}",
            v => $"client_id={Guid()}&client_secret={Esc(v)}&grant_type=client_credentials&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default");

        // Google and AWS.
        yield return Kind("gcp-service-account", () => B64(1190),
            v => $"{{\"type\":\"service_account\",\"project_id\":\"ci-{Word().ToLowerInvariant()}\",\"private_key_id\":\"{R(Hex, 40)}\",\"private_key\":\"{Pem("PRIVATE KEY", v, "\\n")}\",\"client_email\":\"ci@ci.iam.gserviceaccount.com\"}}",
            v => $"info: Startup[0] GOOGLE_CREDENTIALS={{\"type\": \"service_account\", \"private_key\": \"{Pem("PRIVATE KEY", v, "\\n")}\", \"client_id\": \"{R(Digits, 21)}\"}}",
            v => $"  \"private_key\": \"{Pem("PRIVATE KEY", v, "\\n")}\",");
        yield return Kind("gcp-api-key", () => "AIza" + R(UrlSafe, 35),
            v => $"GET https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key={v} HTTP/1.1",
            v => $"\"Firebase\": {{ \"ApiKey\": \"{v}\", \"ProjectId\": \"ci\" }}",
            v => $"x-goog-api-key: {v}");
        yield return Kind("aws-secret-key", () => R(Alnum + "+/", 40),
            v => $"[default]\naws_access_key_id = AKIA{R(UpperAlnum, 16)}\naws_secret_access_key = {v}",
            v => $"AWS_SECRET_ACCESS_KEY={v}",
            v => $"aws configure set aws_secret_access_key {v} --profile ci",
            v => $"{{\"Credentials\":{{\"AccessKeyId\":\"ASIA{R(UpperAlnum, 16)}\",\"SecretAccessKey\":\"{v}\",\"Expiration\":\"2026-06-01T12:00:00Z\"}}}}",
            v => $"  \"AWS\": {{ \"Region\": \"eu-west-1\", \"SecretKey\": \"{v}\" }}",
            v => $"Amazon.Runtime.AmazonServiceException: Unable to sign request with secret key {v}");

        // Observability.
        yield return Kind("sentry-dsn", () => R(Hex, 32),
            v => $"SENTRY_DSN=https://{v}@o{R(Digits, 6)}.ingest.sentry.io/{R(Digits, 16)}",
            v => $"\"Sentry\": {{ \"Dsn\": \"https://{v}@o{R(Digits, 6)}.ingest.us.sentry.io/{R(Digits, 7)}\" }}");
        yield return Kind("sentry-auth-token", () => "sntrys_" + B64Url(Encoding.UTF8.GetBytes($"{{\"iat\":{R(Digits, 10)}.{R(Digits, 6)},\"url\":\"https://sentry.io\",\"region_url\":\"https://us.sentry.io\",\"org\":\"contoso\"}}")) + "_" + R(UrlSafe, 43), () => "sntryu_" + R(Hex, 64),
            v => $"SENTRY_AUTH_TOKEN={v}",
            v => $"sentry-cli --auth-token {v} releases new 1.4.2",
            v => $"Authorization: Bearer {v}");
        yield return Kind("newrelic-key", () => "NRAK-" + R(UpperAlnum, 27), () => R(Hex, 36) + "NRAL", () => "NRII-" + R(UrlSafe, 32),
            v => $"NEW_RELIC_LICENSE_KEY={v}",
            v => $"Api-Key: {v}",
            v => $"<add key=\"NewRelic.LicenseKey\" value=\"{v}\" />",
            v => $"X-License-Key: {v}");
        yield return Kind("honeycomb-key", () => "hcaik_" + R(LowerAlnum, 58), () => R(Alnum, 22),
            v => $"x-honeycomb-team: {v}",
            v => $"OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team={v},x-honeycomb-dataset=tests",
            v => $"HONEYCOMB_API_KEY={v}");
        yield return Kind("grafana-token", () => "glsa_" + R(Alnum, 32) + "_" + R(Hex, 8), () => "glc_" + B64(90).TrimEnd('='),
            v => $"GRAFANA_TOKEN={v}",
            v => $"Authorization: Bearer {v}",
            v => $"OTEL_EXPORTER_OTLP_HEADERS=Authorization=Basic {Basic($"{R(Digits, 6)}:{v}")}");
        yield return Kind("pagerduty-key", () => R(UrlSafe + "+", 20), () => R(Hex, 32),
            v => $"Authorization: Token token={v}",
            v => $"PAGERDUTY_ROUTING_KEY={v}",
            v => $"{{\"routing_key\":\"{v}\",\"event_action\":\"trigger\",\"payload\":{{\"summary\":\"tests failed\"}}}}");
        yield return Kind("opsgenie-key", Guid,
            v => $"Authorization: GenieKey {v}",
            v => $"OPSGENIE_API_KEY={v}");
        yield return Kind("datadog-app-key", () => R(Hex, 40),
            v => $"DD-APPLICATION-KEY: {v}",
            v => $"DD_APP_KEY={v}");
        yield return Kind("elastic-api-key", () => B64Text($"{R(UrlSafe, 20)}:{R(UrlSafe, 22)}"),
            v => $"Authorization: ApiKey {v}",
            v => $"\"Elasticsearch\": {{ \"Uri\": \"https://es.internal:9200\", \"ApiKey\": \"{v}\" }}",
            v => $"ELASTIC_API_KEY={v}");

        // Search, maps, commerce and payment.
        yield return Kind("algolia-admin-key", () => R(Hex, 32),
            v => $"X-Algolia-API-Key: {v}",
            v => $"ALGOLIA_ADMIN_KEY={v}",
            v => $"\"Algolia\": {{ \"AppId\": \"{R(UpperAlnum, 10)}\", \"AdminApiKey\": \"{v}\" }}");
        yield return Kind("mapbox-secret-token", () => "sk.eyJ1Ijoi" + R(UrlSafe, 40) + "." + R(UrlSafe, 22),
            v => $"MAPBOX_DOWNLOADS_TOKEN={v}",
            v => $"GET https://api.mapbox.com/uploads/v1/contoso?access_token={v}");
        yield return Kind("shopify-token", () => Pick("shpat_", "shpss_", "shpca_", "shppa_") + R(Hex, 32),
            v => $"X-Shopify-Access-Token: {v}",
            v => $"SHOPIFY_ACCESS_TOKEN={v}");
        yield return Kind("square-token", () => "EAAA" + R(UrlSafe, 60), () => "sq0csp-" + R(UrlSafe, 43),
            v => $"SQUARE_ACCESS_TOKEN={v}",
            v => $"Authorization: Bearer {v}",
            v => $"\"Square\": {{ \"AccessToken\": \"{v}\", \"Environment\": \"sandbox\" }}");
        yield return Kind("adyen-api-key", () => "AQE" + R(Alnum + "+/", 85) + "==-" + R(Alnum + "+/", 43) + "=-" + R(Alnum, 16),
            v => $"X-API-Key: {v}",
            v => $"ADYEN_API_KEY={v}",
            v => $"\"Adyen\": {{ \"ApiKey\": \"{v}\", \"MerchantAccount\": \"ContosoECOM\" }}");
        yield return Kind("braintree-token", () => $"access_token$production${R(LowerAlnum, 16)}${R(Hex, 32)}",
            v => $"BRAINTREE_ACCESS_TOKEN={v}",
            v => $"new BraintreeGateway(\"{v}\")");
        yield return Kind("paypal-client-secret", () => "E" + R(UrlSafe, 79),
            v => $"PAYPAL_CLIENT_SECRET={v}",
            v => $"\"PayPal\": {{ \"ClientId\": \"A{R(UrlSafe, 79)}\", \"ClientSecret\": \"{v}\" }}");
        yield return Kind("plaid-secret", () => R(Hex, 30), () => "access-production-" + Guid(),
            v => $"PLAID_SECRET={v}",
            v => $"POST /accounts/get {{\"client_id\":\"{R(Hex, 24)}\",\"secret\":\"{v}\",\"access_token\":\"access-sandbox-{Guid()}\"}}",
            v => $"\"Plaid\": {{ \"Secret\": \"{v}\" }}");
        yield return Kind("stripe-webhook-secret", () => "whsec_" + R(Alnum, 32),
            v => $"STRIPE_WEBHOOK_SECRET={v}",
            v => $"\"Stripe\": {{ \"WebhookSecret\": \"{v}\" }}");

        // Email and SMS.
        yield return Kind("mailgun-key", () => "key-" + R(Hex, 32), () => R(Hex, 32) + "-" + R(Hex, 8) + "-" + R(Hex, 8),
            v => $"MAILGUN_API_KEY={v}",
            v => $"curl -s --user 'api:{v}' https://api.mailgun.net/v3/mg.contoso.com/messages",
            v => $"\"Mailgun\": {{ \"ApiKey\": \"{v}\", \"Domain\": \"mg.contoso.com\" }}");
        yield return Kind("postmark-token", Guid,
            v => $"X-Postmark-Server-Token: {v}",
            v => $"POSTMARK_SERVER_TOKEN={v}",
            v => $"X-Postmark-Account-Token: {v}");
        yield return Kind("brevo-key", () => "xkeysib-" + R(Hex, 64) + "-" + R(Alnum, 16), () => "xsmtpsib-" + R(Hex, 64) + "-" + R(Alnum, 16),
            v => $"api-key: {v}",
            v => $"BREVO_API_KEY={v}",
            v => $"\"Smtp\": {{ \"Host\": \"smtp-relay.brevo.com\", \"Password\": \"{v}\" }}");
        yield return Kind("mailchimp-key", () => R(Hex, 32) + "-us" + _random.Next(1, 22),
            v => $"MAILCHIMP_API_KEY={v}",
            v => $"Authorization: apikey {v}");
        yield return Kind("sendgrid-key", () => "SG." + R(UrlSafe, 22) + "." + R(UrlSafe, 43),
            v => $"SENDGRID_API_KEY={v}",
            v => $"\"SendGrid\": {{ \"ApiKey\": \"{v}\" }}",
            v => $"smtp://apikey:{v}@smtp.sendgrid.net:587");
        yield return Kind("vonage-secret", () => R(Alnum, 16),
            v => $"VONAGE_API_SECRET={v}",
            v => $"POST https://rest.nexmo.com/sms/json?api_key={R(Hex, 8)}&api_secret={v}&to=491700000000",
            v => $"\"Vonage\": {{ \"ApiKey\": \"{R(Hex, 8)}\", \"ApiSecret\": \"{v}\" }}");
        yield return Kind("twilio-auth-token", () => R(Hex, 32),
            v => $"TWILIO_AUTH_TOKEN={v}",
            v => $"\"Twilio\": {{ \"AccountSid\": \"AC{R(Hex, 32)}\", \"AuthToken\": \"{v}\" }}");

        // Chat, webhooks, work trackers.
        yield return Kind("telegram-bot-token", () => $"{_random.Next(100000000, 999999999)}{_random.Next(0, 9)}:AA{R(UrlSafe, 33)}",
            v => $"TELEGRAM_BOT_TOKEN={v}",
            v => $"POST https://api.telegram.org/bot{v}/sendMessage HTTP/1.1",
            v => $"\"Telegram\": {{ \"BotToken\": \"{v}\", \"ChatId\": -100{R(Digits, 10)} }}");
        yield return Kind("slack-app-token", () => $"xapp-1-A{R(UpperAlnum, 10)}-{R(Digits, 13)}-{R(Hex, 64)}",
            v => $"SLACK_APP_TOKEN={v}",
            v => $"\"Slack\": {{ \"AppToken\": \"{v}\" }}");
        yield return Kind("slack-config-token", () => $"xoxe.xoxp-1-{R(Alnum, 160)}", () => $"xoxe-1-{R(Alnum, 140)}",
            v => $"SLACK_CONFIG_TOKEN={v}",
            v => $"{{\"ok\":true,\"token\":\"{v}\",\"refresh_token\":\"xoxe-1-{R(Alnum, 140)}\",\"exp\":1767225600}}");
        yield return Kind("slack-webhook", () => $"T{R(UpperAlnum, 10)}/B{R(UpperAlnum, 10)}/{R(Alnum, 24)}",
            v => $"SLACK_WEBHOOK_URL=https://hooks.slack.com/services/{v}",
            v => $"POST https://hooks.slack.com/services/{v} failed: 404 no_service");
        yield return Kind("slack-workflow-webhook", () => $"T{R(UpperAlnum, 10)}/{R(Digits, 13)}/{R(Hex, 32)}",
            v => $"https://hooks.slack.com/triggers/{v}",
            v => $"\"Notifications\": {{ \"SlackTrigger\": \"https://hooks.slack.com/triggers/{v}\" }}");
        yield return Kind("teams-webhook", () => $"{R(Hex, 32)}/{Guid()}/{R(UrlSafe, 43)}", () => $"workflows/{R(Hex, 32)}/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig={R(UrlSafe, 43)}",
            v => v.StartsWith("workflows/", StringComparison.Ordinal)
                ? $"TEAMS_WEBHOOK=https://prod-{_random.Next(10, 99)}.westeurope.logic.azure.com:443/{v}"
                : $"TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/{Guid()}@{Guid()}/IncomingWebhook/{v}");
        yield return Kind("discord-webhook", () => $"{R(Digits, 19)}/{R(UrlSafe, 68)}",
            v => $"DISCORD_WEBHOOK=https://discord.com/api/webhooks/{v}",
            v => $"POST https://discordapp.com/api/webhooks/{v}?wait=true");
        yield return Kind("linear-key", () => "lin_api_" + R(Alnum, 40),
            v => $"LINEAR_API_KEY={v}",
            v => $"Authorization: {v}");
        yield return Kind("asana-pat", () => $"{Pick("1", "2")}/{R(Digits, 16)}:{R(Hex, 32)}", () => $"2/{R(Digits, 16)}/{R(Digits, 16)}:{R(Hex, 32)}",
            v => $"ASANA_ACCESS_TOKEN={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("atlassian-api-token", () => "ATATT3xFfGF0" + R(UrlSafe, 170) + "=" + R(UpperAlnum, 8),
            v => $"JIRA_API_TOKEN={v}",
            v => $"curl -u ci@contoso.com:{v} https://contoso.atlassian.net/rest/api/3/myself",
            v => $"\"Jira\": {{ \"User\": \"ci@contoso.com\", \"ApiToken\": \"{v}\" }}");

        // Source hosts, CI, registries.
        yield return Kind("gitlab-token", () => Pick("glrt-", "gldt-", "glft-", "glcbt-", "glptt-", "glsoat-", "glimt-") + R(UrlSafe, 20), () => "glrt-t1_" + R(UrlSafe, 20),
            v => $"gitlab-runner register --url https://gitlab.com --token {v}",
            v => $"CI_JOB_TOKEN={v}",
            v => $"git clone https://gitlab-deploy:{v}@gitlab.com/contoso/app.git",
            v => $"  token = \"{v}\"");
        yield return Kind("bitbucket-app-password", () => "ATBB" + R(Alnum, 32) + R(Hex.ToUpperInvariant(), 8),
            v => $"BITBUCKET_APP_PASSWORD={v}",
            v => $"git clone https://ci-bot:{v}@bitbucket.org/contoso/app.git");
        yield return Kind("azure-devops-pat", () => R(Base32, 52), () => R(Alnum, 76) + "AZDO" + R(Alnum, 4),
            v => $"AZURE_DEVOPS_EXT_PAT={v}",
            v => $"git clone https://pat:{v}@dev.azure.com/contoso/App/_git/App",
            v => $"Authorization: Basic {Basic(":" + v)}",
            v => $"<add key=\"ClearTextPassword\" value=\"{v}\" />",
            v => $"az devops login --organization https://dev.azure.com/contoso <<< {v}");
        yield return Kind("nuget-api-key", () => "oy2" + R(LowerAlnum, 43),
            v => $"dotnet nuget push bin/Release/*.nupkg --api-key {v} --source https://api.nuget.org/v3/index.json",
            v => $"NUGET_API_KEY={v}",
            v => $"nuget.exe setapikey {v} -Source https://api.nuget.org/v3/index.json",
            v => $"X-NuGet-ApiKey: {v}");
        yield return Kind("nuget-config-credentials", Password,
            v => $"<packageSourceCredentials><contoso><add key=\"Username\" value=\"ci\" /><add key=\"ClearTextPassword\" value=\"{v}\" /></contoso></packageSourceCredentials>",
            v => $"      <add key=\"ClearTextPassword\" value=\"{v}\" />",
            v => $"dotnet nuget add source https://pkgs.contoso.com/v3/index.json -n contoso -u ci -p {v} --store-password-in-clear-text");
        yield return Kind("pypi-token", () => "pypi-AgEIcHlwaS5vcmc" + R(UrlSafe, 60),
            v => $"TWINE_PASSWORD={v}",
            v => $"[pypi]\n  username = __token__\n  password = {v}");
        yield return Kind("rubygems-key", () => "rubygems_" + R(Hex, 48),
            v => $"GEM_HOST_API_KEY={v}",
            v => $":rubygems_api_key: {v}");
        yield return Kind("crates-token", () => "cio" + R(Alnum, 32),
            v => $"CARGO_REGISTRY_TOKEN={v}",
            v => $"[registry]\ntoken = \"{v}\"");
        yield return Kind("dockerhub-pat", () => Pick("dckr_pat_", "dckr_oat_") + R(UrlSafe, 27),
            v => $"echo {v} | docker login -u contoso --password-stdin",
            v => $"DOCKERHUB_TOKEN={v}",
            v => $"docker login -u contoso -p {v}");
        yield return Kind("github-fine-grained-pat", () => "github_pat_" + R(Alnum, 22) + "_" + R(Alnum, 59),
            v => $"GH_TOKEN={v}",
            v => $"git clone https://x-access-token:{v}@github.com/contoso/app.git");
        yield return Kind("buildkite-token", () => "bkua_" + R(Hex, 40),
            v => $"BUILDKITE_API_TOKEN={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("circleci-token", () => "CCIPAT_" + R(Alnum, 22) + "_" + R(Hex, 40),
            v => $"CIRCLE_TOKEN={v}",
            v => $"Circle-Token: {v}");

        // AI providers.
        yield return Kind("huggingface-token", () => "hf_" + R(Upper + Lower, 34),
            v => $"HF_TOKEN={v}",
            v => $"huggingface-cli login --token {v}");
        yield return Kind("replicate-token", () => "r8_" + R(Alnum, 37),
            v => $"REPLICATE_API_TOKEN={v}",
            v => $"Authorization: Token {v}");
        yield return Kind("anthropic-key", () => Pick("sk-ant-api03-", "sk-ant-admin01-") + R(UrlSafe, 93) + "AA",
            v => $"ANTHROPIC_API_KEY={v}",
            v => $"x-api-key: {v}",
            v => $"\"Anthropic\": {{ \"ApiKey\": \"{v}\", \"Model\": \"claude\" }}");
        yield return Kind("openai-project-key", () => Pick("sk-proj-", "sk-svcacct-") + R(UrlSafe, 74) + "T3BlbkFJ" + R(UrlSafe, 74),
            v => $"OPENAI_API_KEY={v}",
            v => $"Authorization: Bearer {v}",
            v => $"System.ClientModel.ClientResultException: HTTP 401 (invalid_request_error: invalid_api_key) Incorrect API key provided: {v}.");
        yield return Kind("cohere-key", () => R(Alnum, 40),
            v => $"CO_API_KEY={v}",
            v => $"COHERE_API_KEY={v}",
            v => $"\"Cohere\": {{ \"ApiKey\": \"{v}\" }}");
        yield return Kind("mistral-key", () => R(Alnum, 32),
            v => $"MISTRAL_API_KEY={v}",
            v => $"\"Mistral\": {{ \"ApiKey\": \"{v}\" }}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("groq-key", () => "gsk_" + R(Alnum, 52),
            v => $"GROQ_API_KEY={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("perplexity-key", () => "pplx-" + R(Alnum, 48),
            v => $"PERPLEXITY_API_KEY={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("stability-key", () => "sk-" + R(Alnum, 48),
            v => $"STABILITY_API_KEY={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("xai-key", () => "xai-" + R(Alnum, 80),
            v => $"XAI_API_KEY={v}");
        yield return Kind("pinecone-key", () => "pcsk_" + R(Alnum, 6) + "_" + R(Alnum, 60), Guid,
            v => $"PINECONE_API_KEY={v}",
            v => $"Api-Key: {v}");
        yield return Kind("gemini-key", () => "AIza" + R(UrlSafe, 35),
            v => $"GEMINI_API_KEY={v}",
            v => $"POST https://generativelanguage.googleapis.com/v1beta/models/gemini:generateContent?key={v}");

        // Databases and other SaaS.
        yield return Kind("mongodb-atlas-url", Password,
            v => $"mongodb+srv://app:{Esc(v)}@cluster0.{R(LowerAlnum, 5)}.mongodb.net/orders?retryWrites=true&w=majority",
            v => $"MongoDB.Driver.MongoAuthenticationException: Unable to authenticate using sasl protocol mechanism SCRAM-SHA-1. Connection string: mongodb://admin:{Esc(v)}@mongo.internal:27017/?authSource=admin");
        yield return Kind("supabase-key", () => "sbp_" + R(Hex, 40), () => "sb_secret_" + R(UrlSafe, 31),
            v => $"SUPABASE_ACCESS_TOKEN={v}",
            v => $"SUPABASE_SERVICE_ROLE_KEY={v}");
        yield return Kind("neon-key", () => "napi_" + R(LowerAlnum, 64),
            v => $"NEON_API_KEY={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("cloudinary-url", () => R(UrlSafe, 27),
            v => $"CLOUDINARY_URL=cloudinary://{R(Digits, 15)}:{v}@contoso",
            v => $"\"Cloudinary\": {{ \"Url\": \"cloudinary://{R(Digits, 15)}:{v}@contoso\" }}");
        yield return Kind("contentful-token", () => "CFPAT-" + R(UrlSafe, 43),
            v => $"CONTENTFUL_MANAGEMENT_TOKEN={v}");
        yield return Kind("airtable-pat", () => "pat" + R(Alnum, 14) + "." + R(Hex, 64),
            v => $"AIRTABLE_TOKEN={v}",
            v => $"Authorization: Bearer {v}");
        yield return Kind("figma-token", () => "figd_" + R(UrlSafe, 40),
            v => $"X-Figma-Token: {v}",
            v => $"FIGMA_TOKEN={v}");
        yield return Kind("ngrok-authtoken", () => "2" + R(Alnum, 26) + "_" + R(Alnum, 21),
            v => $"ngrok config add-authtoken {v}",
            v => $"NGROK_AUTHTOKEN={v}",
            v => $"authtoken: {v}");
        yield return Kind("auth0-client-secret", () => R(UrlSafe, 64),
            v => $"AUTH0_CLIENT_SECRET={v}",
            v => $"\"Auth0\": {{ \"Domain\": \"contoso.eu.auth0.com\", \"ClientId\": \"{R(Alnum, 32)}\", \"ClientSecret\": \"{v}\" }}",
            v => $"POST /oauth/token grant_type=client_credentials&client_id={R(Alnum, 32)}&client_secret={v}&audience=https%3A%2F%2Fapi");
        yield return Kind("backblaze-app-key", () => "K00" + R(Digits, 1) + R(Alnum + "+/", 27),
            v => $"B2_APPLICATION_KEY={v}",
            v => $"b2 authorize-account 00{R(Hex, 23)} {v}");

        // Contexts with generic values: no known prefix, the key name or the structure says secret.
        yield return Kind("ctx-exception-connection-string", Password,
            v => $"Microsoft.Data.SqlClient.SqlException (0x80131904): Login failed for user 'app'. ConnectionString: Server=tcp:{Acct()}.database.windows.net,1433;Initial Catalog=orders;User ID=app;Password={v};Encrypt=True;",
            v => $"Npgsql.PostgresException (0x80004005): 28P01: password authentication failed for user \"app\" (Host=db.internal;Port=5432;Database=orders;Username=app;Password={v})",
            v => $"System.InvalidOperationException: Cannot open database \"orders\" requested by the login. Data Source=sql.internal;User Id=sa;Pwd={v};TrustServerCertificate=true",
            v => $"MySqlConnector.MySqlException (0x80004005): Access denied for user 'app'@'10.0.0.4' (server=mysql.internal;uid=app;pwd={v};database=orders)",
            v => $"   at Orders.Tests.DbFixture.InitializeAsync() in /src/tests/DbFixture.cs:line 42 -- conn=\"Host=pg;Username=postgres;Password={v}\"");
        yield return Kind("ctx-http-dump", () => R(UrlSafe, 40),
            v => $"Request: GET https://api.contoso.com/v2/orders Headers: {{ Accept: application/json, X-Api-Key: {v}, User-Agent: Orders.Tests/1.0 }}",
            v => $"Method: POST, RequestUri: 'https://api.contoso.com/token', Version: 1.1, Headers:\n{{\n  Authorization: Bearer {v}\n  traceparent: 00-{R(Hex, 32)}-{R(Hex, 16)}-01\n}}",
            v => $"> X-Auth-Token: {v}",
            v => $"request headers: api_key={v}; content-type=application/json",
            v => $"  \"Headers\": {{ \"X-Functions-Key\": \"{v}\", \"Accept\": \"*/*\" }}",
            v => $"Private-Token: {v}",
            v => $"X-Access-Token: {v}");
        yield return Kind("ctx-structured-log", () => R(Alnum, 32),
            v => $"{{\"@t\":\"2026-04-01T10:00:00.000Z\",\"@mt\":\"Calling {{Endpoint}} with {{@Options}}\",\"Endpoint\":\"https://api\",\"Options\":{{\"ApiKey\":\"{v}\",\"Timeout\":30}}}}",
            v => $"{{\"Timestamp\":\"2026-04-01T10:00:00Z\",\"Level\":\"Debug\",\"Category\":\"Orders.Client\",\"State\":{{\"Message\":\"token refreshed\",\"AccessToken\":\"{v}\"}}}}",
            v => $"[10:00:01 DBG] Client options {{\"BaseUrl\": \"https://api\", \"ClientSecret\": \"{v}\", \"Retries\": 3}}",
            v => $"dbug: Orders.Client[0] => SpanId:{R(Hex, 16)} Using credentials ApiSecret={v} for tenant {Guid()}",
            v => $"{{\"level\":\"info\",\"msg\":\"configured\",\"auth\":{{\"secret\":\"{v}\"}}}}");
        yield return Kind("ctx-appsettings", Password,
            v => $"\"ConnectionStrings\": {{ \"Default\": \"Server=sql;Database=orders;User Id=app;Password={v};\" }}",
            v => $"    \"Password\": \"{v}\",",
            v => $"  \"Jwt\": {{ \"Issuer\": \"orders\", \"SigningKey\": \"{v}\" }},",
            v => $"  \"Smtp\": {{ \"Host\": \"smtp.contoso.com\", \"UserName\": \"ci\", \"Pass\": \"{v}\" }}",
            v => $"\"Redis\": {{ \"Configuration\": \"cache:6379,password={v}\" }}",
            v => $"\"Kestrel\": {{ \"Certificates\": {{ \"Default\": {{ \"Path\": \"cert.pfx\", \"Password\": \"{v}\" }} }} }}");
        yield return Kind("ctx-k8s-yaml", () => R(Alnum, 28),
            v => $"        - name: DB_PASSWORD\n          value: \"{v}\"",
            v => $"stringData:\n  api-key: {v}",
            v => $"        env:\n        - name: API_TOKEN\n          value: {v}",
            v => $"  password: {Shown(B64Text(v))}",
            v => $"  client-secret: \"{v}\"");
        yield return Kind("ctx-github-actions-env", () => R(UrlSafe, 36),
            v => $"    env:\n      DEPLOY_TOKEN: {v}",
            v => $"      REGISTRY_PASSWORD: \"{v}\"",
            v => $"        with:\n          api-key: {v}",
            v => $"run: echo \"::add-mask::{v}\"");
        yield return Kind("ctx-xml-config", Password,
            v => $"<add name=\"Orders\" connectionString=\"Data Source=sql;Initial Catalog=orders;User ID=app;Password={v}\" providerName=\"System.Data.SqlClient\" />",
            v => $"<add key=\"SmtpPassword\" value=\"{v}\" />",
            v => $"<setting name=\"ApiSecret\" serializeAs=\"String\"><value>{v}</value></setting>",
            v => $"<credentials username=\"ci\" password=\"{v}\" />",
            v => $"<smtp from=\"ci@contoso.com\"><network host=\"smtp\" userName=\"ci\" password=\"{v}\" /></smtp>");
        yield return Kind("ctx-csproj-property", () => R(Alnum, 30),
            v => $"    <SigningCertificatePassword>{v}</SigningCertificatePassword>",
            v => $"    <NuGetApiKey>{v}</NuGetApiKey>",
            v => $"<PropertyGroup><DeployPassword>{v}</DeployPassword></PropertyGroup>",
            v => $"dotnet publish -c Release -p:PublishPassword={v} -p:PublishProfile=Azure",
            v => $"msbuild App.sln /p:SignToolPassword=\"{v}\"");
        yield return Kind("ctx-env-dump", () => R(Alnum + "+/", 32),
            v => $"DB_PASSWORD={v}",
            v => $"APP_SECRET_KEY={v}",
            v => $"declare -x SERVICE_TOKEN=\"{v}\"",
            v => $"  SMTP_PASS = {v}",
            v => $"$env:API_KEY = '{v}'",
            v => $"set CLIENT_SECRET={v}",
            v => $"ENCRYPTION_KEY={v}");
        yield return Kind("ctx-ini", Password,
            v => $"[database]\nhost = db.internal\npassword = {v}",
            v => $"secret_key={v}",
            v => $"auth_token : {v}",
            v => $"[smtp]\nuser=ci\npass={v}");
        yield return Kind("ctx-toml", () => R(Alnum, 32),
            v => $"[auth]\nclient_secret = \"{v}\"",
            v => $"api_token = '{v}'",
            v => $"password = \"{v}\"");
        yield return Kind("ctx-command-line", Password,
            v => $"psql \"postgresql://app:{Esc(v)}@db.internal/orders\" -c 'select 1'",
            v => $"dotnet user-jwts create --secret {v}",
            v => $"openssl pkcs12 -export -in cert.pem -inkey key.pem -out cert.pfx -passout pass:{v}",
            v => $"dotnet dev-certs https -ep cert.pfx -p {v}",
            v => $"helm install orders ./chart --set db.password={v}",
            v => $"java -jar app.jar --spring.datasource.password={v}",
            v => $"az keyvault secret set --vault-name kv --name db --value {v}");
        yield return Kind("ctx-query-string", () => R(UrlSafe, 32),
            v => $"GET /api/orders?access_token={v}&page=2 HTTP/1.1",
            v => $"Redirecting to https://app.contoso.com/callback?code=4%2F{R(UrlSafe, 20)}&state=xyz&id_token={v}",
            v => $"https://api.contoso.com/v1/export?apikey={v}&format=csv",
            v => $"POST https://login.contoso.com/oauth2/token?client_secret={v}&client_id=ci",
            v => $"wss://stream.contoso.com/ws?token={v}");
        yield return Kind("ctx-jwt-bearer", Jwt,
            v => $"Authorization: Bearer {v}",
            v => $"\"access_token\": \"{v}\",",
            v => $"info: Auth[1] Token validated: {v}",
            v => $"id_token={v}");
        yield return Kind("ctx-cookie", () => R(UrlSafe, 48),
            v => $"Cookie: .AspNetCore.Cookies={v}; .AspNetCore.Culture=c%3Den",
            v => $"Set-Cookie: session_id={v}; Path=/; HttpOnly; Secure; SameSite=Lax",
            v => $"Set-Cookie: .AspNetCore.Session={v}; path=/; samesite=lax; httponly",
            v => $"Cookie: connect.sid=s%3A{v}",
            v => $"Set-Cookie: refresh_token={v}; Max-Age=2592000; Path=/auth; HttpOnly");
        yield return Kind("ctx-basic-auth-url", Password,
            v => $"https://deploy:{Esc(v)}@registry.contoso.com/v2/",
            v => $"amqps://orders:{Esc(v)}@mq.contoso.com/vhost",
            v => $"ftp://upload:{Esc(v)}@ftp.contoso.com/drop/",
            v => $"System.Net.WebException: The remote server returned an error: (401) Unauthorized. https://ci:{Esc(v)}@nexus.internal/repository/nuget/",
            v => $"Authorization: Basic {Basic("ci:" + v)}");
        yield return Kind("ctx-private-key-json", () => B64(1190),
            v => $"{{\"key\": \"{Pem("RSA PRIVATE KEY", v, "\\n")}\"}}",
            v => $"\"SigningKey\": \"{Pem("EC PRIVATE KEY", v, "\\n")}\",",
            v => $"PRIVATE_KEY=\"{Pem("PRIVATE KEY", v, "\\n")}\"",
            v => $"  tls.key: |\n    {Pem("PRIVATE KEY", v, "\n    ")}");
    }

    /// <summary>
    /// <paramref name="count"/> ordinary lines of the same files, dumps and commands. They are not secrets: identifiers
    /// (GUIDs, trace ids, account names, client ids), public values (public key tokens, publishable keys, certificate
    /// thumbprints), digests (SHAs, SRI, ETags, package content hashes), base64 test data, references to where a secret
    /// lives (<c>${{ secrets.X }}</c>, <c>$(Var)</c>, <c>%VAR%</c>, <c>{{ .Values.x }}</c>, Key Vault references),
    /// placeholders (<c>&lt;your-token&gt;</c>, <c>changeme</c>, <c>xxxx</c>), masks (<c>***</c>, <c>[REDACTED]</c>),
    /// numbers, booleans, durations and words under secret-named keys.
    /// </summary>
    public IEnumerable<string> LookAlikes(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 60) switch
            {
                0 => $"VAULT_ADDR=https://vault.internal:8200  VAULT_NAMESPACE={Word().ToLowerInvariant()}",
                1 => $"X-Vault-Request: true  X-Request-Id: {Guid()}",
                2 => $"DOPPLER_TOKEN=${{{{ secrets.DOPPLER_TOKEN }}}}",
                3 => $"OP_SERVICE_ACCOUNT_TOKEN: ${{{{ secrets.OP_TOKEN }}}}",
                4 => $"\"Infisical\": {{ \"ProjectId\": \"{Guid()}\", \"Environment\": \"staging\" }}",
                5 => $"PULUMI_ACCESS_TOKEN=<your-pulumi-token>",
                6 => $"RAILWAY_PROJECT_ID={Guid()}",
                7 => $"VERCEL_ORG_ID=team_{R(Alnum, 24)}",
                8 => $"NETLIFY_SITE_ID={Guid()}",
                9 => $"HEROKU_APP_NAME={Word().ToLowerInvariant()}-{Services[_random.Next(Services.Length)]}",
                10 => $"DefaultEndpointsProtocol=https;AccountName={Acct()};AccountKey=***;EndpointSuffix=core.windows.net",
                11 => "UseDevelopmentStorage=true",
                12 => $"https://{Acct()}.blob.core.windows.net/test-results/run-{Digits4()}.trx?comp=list&restype=container&marker={R(UpperAlnum, 12)}",
                13 => $"Endpoint=sb://{Acct()}.servicebus.windows.net/;Authentication=Managed Identity",
                14 => $"\"AzureAd\": {{ \"TenantId\": \"{Guid()}\", \"ClientId\": \"{Guid()}\", \"ClientSecret\": \"@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/api/)\" }}",
                15 => $"InstrumentationKey={Guid()};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/",
                16 => $"  \"private_key_id\": \"<redacted>\",",
                17 => $"[default]\nregion = eu-west-1\noutput = json",
                18 => $"aws_access_key_id = ${{AWS_ACCESS_KEY_ID}}",
                19 => $"\"Sentry\": {{ \"Dsn\": \"\", \"TracesSampleRate\": 0.2, \"Environment\": \"ci\" }}",
                20 => $"traceparent: 00-{R(Hex, 32)}-{R(Hex, 16)}-01",
                21 => $"x-honeycomb-dataset: {Services[_random.Next(Services.Length)]}-tests",
                22 => $"Authorization: Bearer ***",
                23 => $"Authorization: Bearer <token>",
                24 => $"\"Algolia\": {{ \"AppId\": \"{R(UpperAlnum, 10)}\", \"IndexName\": \"products_{Word().ToLowerInvariant()}\" }}",
                25 => $"MAPBOX_PUBLIC_TOKEN=pk.<your-public-token>",
                26 => $"  <PackageReference Include=\"Stripe.net\" Version=\"47.{_random.Next(0, 9)}.0\" />",
                27 => $"\"PayPal\": {{ \"Mode\": \"sandbox\", \"ClientSecret\": \"changeme\" }}",
                28 => $"TWILIO_ACCOUNT_SID=${{TWILIO_ACCOUNT_SID}}",
                29 => $"POST https://api.telegram.org/bot<TOKEN>/sendMessage HTTP/1.1",
                30 => $"SLACK_WEBHOOK_URL=${{{{ secrets.SLACK_WEBHOOK_URL }}}}",
                31 => $"<add key=\"ClearTextPassword\" value=\"%NUGET_FEED_PASSWORD%\" />",
                32 => $"dotnet nuget push bin/Release/*.nupkg --api-key $(NuGetApiKey) --source https://api.nuget.org/v3/index.json",
                33 => $"    <SigningCertificatePassword>$(SIGNING_PASSWORD)</SigningCertificatePassword>",
                34 => $"  <package id=\"Newtonsoft.Json\" version=\"13.0.3\" targetFramework=\"net48\" />",
                35 => $"<Reference Include=\"System.Web.Mvc, Version=5.2.9.0, Culture=neutral, PublicKeyToken={R(Hex, 16)}\" />",
                36 => $"      \"contentHash\": \"{B64(64)}\",",
                37 => $"<script src=\"/lib/app.js\" integrity=\"sha384-{B64(48)}\" crossorigin=\"anonymous\"></script>",
                38 => $"ETag: \"0x8DC{R(Hex.ToUpperInvariant(), 13)}\"",
                39 => $"If-None-Match: W/\"{R(Hex, 32)}\"",
                40 => $"image: contoso.azurecr.io/{Services[_random.Next(Services.Length)]}@sha256:{R(Hex, 64)}",
                41 => $"commit {R(Hex, 40)}",
                42 => $"\"payload\": \"{B64(_random.Next(24, 96))}\",",
                43 => $"{{\"@t\":\"2026-04-01T10:00:00.000Z\",\"@mt\":\"Token {{TokenId}} refreshed for {{UserId}}\",\"TokenId\":\"{Guid()}\",\"UserId\":{_random.Next(1, 99999)}}}",
                44 => $"[10:00:01 DBG] Client options {{\"BaseUrl\": \"https://api\", \"TokenLifetime\": \"00:30:00\", \"MaxTokens\": {_random.Next(256, 8192)}, \"RequireHttpsMetadata\": true}}",
                45 => $"        - name: DB_PASSWORD\n          valueFrom:\n            secretKeyRef: {{ name: db, key: password }}",
                46 => $"  password: {{{{ .Values.db.password | quote }}}}",
                47 => $"      REGISTRY_PASSWORD: ${{{{ secrets.REGISTRY_PASSWORD }}}}",
                48 => $"password = \"\"",
                49 => $"secret_key = your-secret-key-here",
                50 => $"api_token = \"xxxxxxxxxxxxxxxxxxxxxxxx\"",
                51 => $"Set-Cookie: .AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US; expires=Fri, 01 Jan 2027 00:00:00 GMT; path=/",
                52 => $"Cookie: ai_user={R(UrlSafe, 5)}|2026-04-01T10:00:00.000Z; theme=dark",
                53 => $"https://ci@nexus.internal/repository/nuget/ returned 401",
                54 => $"  Passed Orders.Tests.TokenTests.Refresh_token_is_rotated_after_{_random.Next(1, 60)}_minutes [{_random.Next(1, 900)} ms]",
                55 => $"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{B64(32).TrimEnd('=')} ci@contoso",
                56 => $"Thumbprint: {R(Hex.ToUpperInvariant(), 40)}  Subject: CN=contoso.com",
                57 => $"\"client_id\": \"{R(Digits, 21)}\", \"auth_uri\": \"https://accounts.google.com/o/oauth2/auth\", \"project_id\": \"ci-{Word().ToLowerInvariant()}\"",
                58 => $"{{\"type\":\"service_account\",\"client_email\":\"ci@ci.iam.gserviceaccount.com\",\"private_key\":\"[REDACTED]\"}}",
                _ => $"at Orders.Tests.KeyRotationTests.Rotates_signing_key_{Word()}() in /src/tests/KeyRotationTests.cs:line {_random.Next(10, 400)}",
            };
        }
    }

    private (string Kind, Func<int, (string Secret, string Text)> Make) Kind(string kind, Func<string> value, params Func<string, string>[] contexts)
        => Kind(kind, [value], contexts);

    private (string Kind, Func<int, (string Secret, string Text)> Make) Kind(string kind, Func<string> value, Func<string> other, params Func<string, string>[] contexts)
        => Kind(kind, [value, other], contexts);

    private (string Kind, Func<int, (string Secret, string Text)> Make) Kind(string kind, Func<string> value, Func<string> other, Func<string> third, params Func<string, string>[] contexts)
        => Kind(kind, [value, other, third], contexts);

    private (string Kind, Func<int, (string Secret, string Text)> Make) Kind(string kind, Func<string>[] values, Func<string, string>[] contexts)
    {
        return (kind, i =>
        {
            var secret = values[i / contexts.Length % values.Length]();
            _shown = null;
            var text = contexts[i % contexts.Length](secret);
            return (_shown ?? secret, text);
        });
    }

    /// <summary>A password as people and generators make them: words, digits and symbols, or random printable.</summary>
    private string Password()
    {
        return _random.Next(3) switch
        {
            0 => $"{Word()}{Pick("#", "!", "$", "%", "_", "-")}{_random.Next(1000, 9999)}{Word()}",
            1 => R(Alnum + "!#$%*-_.~", _random.Next(16, 28)),
            _ => R(Alnum, _random.Next(20, 33)),
        };
    }

    private string Jwt()
    {
        var header = B64Url(Encoding.UTF8.GetBytes("{\"alg\":\"RS256\",\"kid\":\"" + R(Alnum, 8) + "\",\"typ\":\"JWT\"}"));
        var payload = B64Url(Encoding.UTF8.GetBytes($"{{\"sub\":\"{Guid()}\",\"aud\":\"orders\",\"iat\":{R(Digits, 10)},\"exp\":{R(Digits, 10)},\"scope\":\"orders.read\"}}"));
        return $"{header}.{payload}.{R(UrlSafe, 342)}";
    }

    private string Pem(string label, string body, string newline)
    {
        var lines = new List<string> { "-----BEGIN " + label + "-----" };
        for (var i = 0; i < body.Length; i += 64)
        {
            lines.Add(body.Substring(i, Math.Min(64, body.Length - i)));
        }

        Shown(lines[^2].Length == 64 ? lines[^2] : lines[^3]);

        lines.Add("-----END " + label + "-----");
        return string.Join(newline, lines) + newline;
    }

    /// <summary>Records <paramref name="encoded"/> as the entry's secret, as the context writes it.</summary>
    private string Shown(string encoded)
    {
        _shown = encoded;
        return encoded;
    }

    private string Esc(string value) => Shown(Uri.EscapeDataString(value));

    private string Basic(string userColonPassword) => Shown(B64Text(userColonPassword));

    private string Acct() => Word().ToLowerInvariant() + Services[_random.Next(Services.Length)] + _random.Next(10, 99);

    private string Digits4() => _random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Word() => Words[_random.Next(Words.Length)];

    private string Guid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new System.Guid(bytes).ToString();
    }

    private string B64(int bytes)
    {
        var data = new byte[bytes];
        _random.NextBytes(data);
        return Convert.ToBase64String(data);
    }

    private static string B64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string B64Text(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

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
