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
}
