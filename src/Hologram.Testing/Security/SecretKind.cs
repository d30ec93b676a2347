namespace Hologram.Testing.Security;

/// <summary>The kinds of secret <see cref="SecretRedactor"/> recognises; the kind appears in <c>[REDACTED:&lt;kind&gt;]</c>.</summary>
public static class SecretKind
{
    /// <summary>AWS access key id (<c>AKIA…</c>, <c>ASIA…</c>).</summary>
    public const string AwsAccessKeyId = "aws-access-key-id";

    /// <summary>AWS secret access key (40 characters after an <c>aws_secret_access_key</c>-like name).</summary>
    public const string AwsSecretAccessKey = "aws-secret-access-key";

    /// <summary>Google Cloud API key (<c>AIza…</c>).</summary>
    public const string GcpApiKey = "gcp-api-key";

    /// <summary>Google Cloud service-account key (<c>private_key</c> / <c>private_key_id</c> of a key file).</summary>
    public const string GcpServiceAccountKey = "gcp-service-account-key";

    /// <summary>Azure storage / Service Bus account key (<c>AccountKey=</c>, <c>SharedAccessKey=</c>).</summary>
    public const string AzureStorageKey = "azure-storage-key";

    /// <summary>Azure shared access signature (<c>sig=</c> of a SAS URL or token).</summary>
    public const string AzureSasSignature = "azure-sas-signature";

    /// <summary>GitHub token: classic, OAuth, user-to-server, server-to-server, refresh (<c>ghp_</c>, <c>gho_</c>, <c>ghu_</c>, <c>ghs_</c>, <c>ghr_</c>) and fine-grained (<c>github_pat_</c>).</summary>
    public const string GitHubToken = "github-token";

    /// <summary>GitLab token (<c>glpat-</c>, <c>gldt-</c>, <c>glrt-</c>, …).</summary>
    public const string GitLabToken = "gitlab-token";

    /// <summary>Slack token (<c>xoxb-</c>, <c>xoxp-</c>, <c>xapp-</c>, …).</summary>
    public const string SlackToken = "slack-token";

    /// <summary>Slack incoming-webhook path (<c>hooks.slack.com/services/…</c>); the host is kept.</summary>
    public const string SlackWebhook = "slack-webhook";

    /// <summary>Stripe secret, restricted or webhook-signing key (<c>sk_live_</c>, <c>rk_live_</c>, <c>sk_test_</c>, <c>whsec_</c>).</summary>
    public const string StripeKey = "stripe-key";

    /// <summary>npm access token (<c>npm_…</c>).</summary>
    public const string NpmToken = "npm-token";

    /// <summary>NuGet.org API key (<c>oy2…</c>, 46 characters).</summary>
    public const string NuGetApiKey = "nuget-api-key";

    /// <summary>JSON Web Token (<c>eyJ….eyJ….…</c>).</summary>
    public const string Jwt = "jwt";

    /// <summary>Bearer token after <c>Bearer </c>; the prefix is kept.</summary>
    public const string BearerToken = "bearer-token";

    /// <summary>Basic credentials after <c>Basic </c> (base64 of <c>user:password</c>).</summary>
    public const string BasicAuth = "basic-auth";

    /// <summary>PEM private-key block body; the BEGIN/END lines are kept.</summary>
    public const string PrivateKey = "private-key";

    /// <summary>Password in a URL (<c>scheme://user:password@host</c>); user and host are kept.</summary>
    public const string UrlPassword = "url-password";

    /// <summary>Password in an ADO.NET or PostgreSQL connection string (<c>Password=</c>, <c>Pwd=</c>).</summary>
    public const string ConnectionStringPassword = "connection-string-password";

    /// <summary>Value of a session-like cookie in a <c>Cookie:</c> or <c>Set-Cookie:</c> header.</summary>
    public const string SessionCookie = "session-cookie";

    /// <summary>Value of a <c>password|secret|token|api_key|… = value</c> pair; the key name is kept.</summary>
    public const string GenericSecret = "generic-secret";

    /// <summary>A value registered with <see cref="SecretRedactor.AddLiteral(string, string)"/>, for example from an environment variable.</summary>
    public const string KnownSecret = "known-secret";

    /// <summary>Anthropic API key (<c>sk-ant-api03-…</c>, <c>sk-ant-admin01-…</c>).</summary>
    public const string AnthropicApiKey = "anthropic-api-key";

    /// <summary>OpenAI API key (<c>sk-proj-…</c>, <c>sk-svcacct-…</c>, <c>sk-admin-…</c>, legacy <c>sk-…T3BlbkFJ…</c>).</summary>
    public const string OpenAiApiKey = "openai-api-key";

    /// <summary>Hugging Face access token (<c>hf_…</c>).</summary>
    public const string HuggingFaceToken = "huggingface-token";

    /// <summary>Groq API key (<c>gsk_…</c>).</summary>
    public const string GroqApiKey = "groq-api-key";

    /// <summary>Replicate API token (<c>r8_…</c>).</summary>
    public const string ReplicateToken = "replicate-token";

    /// <summary>Perplexity API key (<c>pplx-…</c>).</summary>
    public const string PerplexityApiKey = "perplexity-api-key";

    /// <summary>xAI API key (<c>xai-…</c>).</summary>
    public const string XaiApiKey = "xai-api-key";

    /// <summary>Telegram bot token (<c>&lt;bot id&gt;:AA…</c>).</summary>
    public const string TelegramBotToken = "telegram-bot-token";

    /// <summary>Discord webhook token (<c>discord.com/api/webhooks/&lt;id&gt;/…</c>); the URL up to the id is kept.</summary>
    public const string DiscordWebhook = "discord-webhook";

    /// <summary>Microsoft Teams incoming-webhook path (<c>….webhook.office.com/webhookb2/…</c>); the host is kept.</summary>
    public const string TeamsWebhook = "teams-webhook";

    /// <summary>SendGrid API key (<c>SG.….…</c>).</summary>
    public const string SendGridApiKey = "sendgrid-api-key";

    /// <summary>Mailgun API key (<c>key-</c> and 32 hex digits).</summary>
    public const string MailgunApiKey = "mailgun-api-key";

    /// <summary>Mailchimp API key (32 hex digits and a <c>-us&lt;n&gt;</c> data centre).</summary>
    public const string MailchimpApiKey = "mailchimp-api-key";

    /// <summary>Shopify access token or shared secret (<c>shpat_</c>, <c>shpca_</c>, <c>shppa_</c>, <c>shpss_</c>).</summary>
    public const string ShopifyToken = "shopify-token";

    /// <summary>Square access token or OAuth secret (<c>EAAA…</c>, <c>sq0atp-</c>, <c>sq0csp-</c>).</summary>
    public const string SquareToken = "square-token";

    /// <summary>PyPI upload token (<c>pypi-AgEIcHlwaS5vcmc…</c>).</summary>
    public const string PyPiToken = "pypi-token";

    /// <summary>RubyGems API key (<c>rubygems_…</c>).</summary>
    public const string RubyGemsApiKey = "rubygems-api-key";

    /// <summary>Docker Hub personal or organisation access token (<c>dckr_pat_</c>, <c>dckr_oat_</c>).</summary>
    public const string DockerHubToken = "docker-hub-token";

    /// <summary>DigitalOcean token (<c>dop_v1_</c>, <c>doo_v1_</c>, <c>dor_v1_</c>).</summary>
    public const string DigitalOceanToken = "digitalocean-token";

    /// <summary>Heroku API key (<c>HRKU-…</c>).</summary>
    public const string HerokuApiKey = "heroku-api-key";

    /// <summary>Atlassian (Jira, Confluence) API token (<c>ATATT3…</c>).</summary>
    public const string AtlassianApiToken = "atlassian-api-token";

    /// <summary>Bitbucket app password (<c>ATBB…</c>).</summary>
    public const string BitbucketAppPassword = "bitbucket-app-password";

    /// <summary>Linear API key (<c>lin_api_…</c>).</summary>
    public const string LinearApiKey = "linear-api-key";

    /// <summary>Notion integration token (<c>ntn_…</c>, <c>secret_…</c>).</summary>
    public const string NotionToken = "notion-token";

    /// <summary>Sentry auth token (<c>sntrys_…</c>, <c>sntryu_…</c>).</summary>
    public const string SentryToken = "sentry-token";

    /// <summary>New Relic user, browser or ingest key (<c>NRAK-</c>, <c>NRJS-</c>, <c>NRII-</c>).</summary>
    public const string NewRelicKey = "newrelic-key";

    /// <summary>Grafana Cloud token or service-account token (<c>glc_</c>, <c>glsa_</c>).</summary>
    public const string GrafanaToken = "grafana-token";

    /// <summary>Dynatrace API token (<c>dt0c01.…</c>).</summary>
    public const string DynatraceToken = "dynatrace-token";

    /// <summary>HashiCorp Vault token (<c>hvs.</c>, <c>hvb.</c>, <c>hvr.</c>).</summary>
    public const string VaultToken = "vault-token";

    /// <summary>HCP Terraform / Terraform Cloud API token (<c>….atlasv1.…</c>).</summary>
    public const string TerraformToken = "terraform-token";

    /// <summary>Doppler token (<c>dp.pt.</c>, <c>dp.st.</c>, <c>dp.sa.</c>, …).</summary>
    public const string DopplerToken = "doppler-token";

    /// <summary>1Password service-account token (<c>ops_eyJ…</c>).</summary>
    public const string OnePasswordToken = "onepassword-token";

    /// <summary>Pulumi access token (<c>pul-</c> and 40 hex digits).</summary>
    public const string PulumiToken = "pulumi-token";

    /// <summary>Postman API key (<c>PMAK-…-…</c>).</summary>
    public const string PostmanApiKey = "postman-api-key";

    /// <summary>Databricks personal access token (<c>dapi</c> and 32 hex digits).</summary>
    public const string DatabricksToken = "databricks-token";

    /// <summary>Alibaba Cloud AccessKey id (<c>LTAI…</c>).</summary>
    public const string AlibabaAccessKey = "alibaba-access-key";

    /// <summary>PlanetScale token or password (<c>pscale_tkn_</c>, <c>pscale_pw_</c>, <c>pscale_oauth_</c>).</summary>
    public const string PlanetScaleToken = "planetscale-token";

    /// <summary>Supabase access token or secret key (<c>sbp_</c>, <c>sb_secret_</c>).</summary>
    public const string SupabaseToken = "supabase-token";

    /// <summary>Fly.io token (<c>fo1_</c>, <c>fm2_</c>).</summary>
    public const string FlyIoToken = "flyio-token";

    /// <summary>Mapbox secret token (<c>sk.eyJ…</c>).</summary>
    public const string MapboxToken = "mapbox-token";

    /// <summary>Azure DevOps personal access token (84 characters with the <c>AZDO</c> signature).</summary>
    public const string AzureDevOpsPat = "azure-devops-pat";

    /// <summary>Microsoft Entra ID (Azure AD) client secret (<c>…Q~…</c>).</summary>
    public const string AzureAdClientSecret = "azure-ad-client-secret";

    /// <summary>Firebase Cloud Messaging legacy server key (<c>AAAA…:APA91b…</c>).</summary>
    public const string FirebaseCloudMessagingKey = "firebase-fcm-key";

    /// <summary>age encryption secret key (<c>AGE-SECRET-KEY-1…</c>).</summary>
    public const string AgeSecretKey = "age-secret-key";

    /// <summary>Google OAuth client secret, access or refresh token (<c>GOCSPX-…</c>, <c>ya29.…</c>, <c>1//0…</c>).</summary>
    public const string GoogleOAuthToken = "google-oauth-token";

    /// <summary>Discord bot token (base64 of the bot id, a timestamp and an HMAC, dot-separated).</summary>
    public const string DiscordBotToken = "discord-bot-token";

    /// <summary>SonarQube / SonarCloud token (<c>squ_</c>, <c>sqp_</c>, <c>sqa_</c> + 40 hex).</summary>
    public const string SonarQubeToken = "sonarqube-token";

    /// <summary>Tailscale auth, API or OAuth client key (<c>tskey-…</c>).</summary>
    public const string TailscaleKey = "tailscale-key";

    /// <summary>JFrog Artifactory API key or reference token (<c>AKCp…</c>, <c>cmVmdGtuOjAxOj…</c>).</summary>
    public const string JFrogToken = "jfrog-token";

    /// <summary>LaunchDarkly SDK, mobile or API key (<c>sdk-</c>, <c>mob-</c>, <c>api-</c> + UUID).</summary>
    public const string LaunchDarklyKey = "launchdarkly-key";

    /// <summary>Kubernetes bootstrap token (six and sixteen lower-case letters and digits around a dot, as <c>kubeadm join --token</c> takes it).</summary>
    public const string KubernetesBootstrapToken = "kubernetes-bootstrap-token";

    /// <summary>Braintree access token (<c>access_token$production$…$…</c>).</summary>
    public const string BraintreeToken = "braintree-token";

    /// <summary>Backblaze B2 application key (<c>K00…</c>, 31 characters).</summary>
    public const string BackblazeKey = "backblaze-key";

    /// <summary>Honeycomb ingest key (<c>hcaik_…</c>, <c>hcxik_…</c>) or the value of an <c>x-honeycomb-team</c> header.</summary>
    public const string HoneycombKey = "honeycomb-key";
}
