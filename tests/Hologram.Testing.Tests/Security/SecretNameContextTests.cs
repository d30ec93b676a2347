using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security;

/// <summary>The context rules that read a name as words: what a name's last word says, in each form, and what it does not.</summary>
public sealed class SecretNameContextTests
{
    private static readonly SecretRedactor Redactor = new();

    // Values made at run time so no secret-shaped literal sits in the repository.
    private static string Random(int length, int seed)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var random = new Random(seed);
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    [Theory]
    [InlineData("ALGOLIA_ADMIN_KEY={0}")]
    [InlineData("  \"SigningKey\": \"{0}\",")]
    [InlineData("primaryKey: {0}")]
    [InlineData("SMTP_PASS = {0}")]
    [InlineData("AZURE_DEVOPS_EXT_PAT={0}")]
    [InlineData("<LicenseKey>{0}</LicenseKey>")]
    [InlineData("az storage blob upload --account-key {0} -f out.trx")]
    [InlineData("aliyun configure --access-key-secret {0}")]
    [InlineData("        - name: DB_PASSWORD\n          value: \"{0}\"")]
    [InlineData("<setting name=\"ApiSecret\" serializeAs=\"String\"><value>{0}</value></setting>")]
    [InlineData("[{{\"keyName\": \"key1\", \"value\": \"{0}\"}}]")]
    [InlineData("info: Vault[0] Authenticated with token s.{0} (ttl 768h)")]
    [InlineData("SENTRY_DSN=https://{0}@o12345.ingest.sentry.io/67890")]
    [InlineData("new CosmosClient(\"https://orders.documents.azure.com:443/\", \"{0}\")")]
    [InlineData("run: echo \"::add-mask::{0}\"")]
    [InlineData("openssl pkcs12 -export -out cert.pfx -passout pass:{0}")]
    [InlineData("dotnet nuget add source https://pkgs.contoso.com/v3/index.json -u ci -p {0}")]
    [InlineData("az keyvault secret set --vault-name kv --name db --value {0}")]
    [InlineData("{{\"@mt\":\"Sent {{Body}}\",\"Body\":\"{{\\\"ClientId\\\":\\\"ci\\\",\\\"ApiKey\\\":\\\"{0}\\\"}}\"}}")]
    [InlineData("GET /reports/run.trx?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=3600&X-Amz-Signature={0} HTTP/1.1")]
    public void A_value_under_a_name_whose_last_word_says_secret_is_redacted(string template)
    {
        var secret = Random(32, template.Length);
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, secret);

        var redacted = Redactor.Redact(text);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains("[REDACTED:", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{\"@mt\":\"Token {{TokenId}} refreshed\",\"TokenId\":\"{1}\"}}")]
    [InlineData("\"PartitionKey\": \"{0}\",")]
    [InlineData("\"PublicKey\": \"{0}\",")]
    [InlineData("\"InstrumentationKey\": \"{1}\",")]
    [InlineData("Sec-WebSocket-Key: {0}==")]
    [InlineData("\"ClientSecret\": \"@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/api/)\"")]
    [InlineData("Set-Cookie: .AspNetCore.Culture=c%3Den-US%7Cuic%3Den-US; path=/")]
    [InlineData("mysql -h db.internal -u root -p orders")]
    [InlineData("Pass: 120, Fail: 0")]
    [InlineData("Fail: slower than the threshold; pass: confidently not")]
    [InlineData("<Key>photos/2026/summer/beach.jpg</Key>")]
    [InlineData("var key = \"orders-signing-key-for-tests\";")]
    [InlineData("DB_PASSWORD_FILE=/run/secrets/db-password")]
    [InlineData("var secret = options.Value.ClientSecret;")]
    [InlineData("            Signature: NullableString(r, 4),")]
    [InlineData("BlobEndpoint=https://orders.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl")]
    [InlineData("- name: API_TOKEN\n  valueFrom: {{ secretKeyRef: {{ name: api, key: token }} }}")]
    public void A_name_that_says_something_else_or_a_value_that_is_not_secret_is_left_alone(string template)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Random(24, template.Length), Guid.NewGuid());

        Assert.Equal(text, Redactor.Redact(text));
    }

    [Fact]
    public void The_writer_keeps_a_yaml_name_line_with_the_value_line_after_it()
    {
        var secret = Random(28, 7);
        using var sink = new StringWriter();
        using (var writer = new RedactingTextWriter(sink, Redactor, leaveOpen: true))
        {
            writer.Write("        - name: DB_PASSWORD\n");
            writer.Flush();
            Assert.Equal(string.Empty, sink.ToString());
            writer.Write($"          value: \"{secret}\"\n");
        }

        Assert.DoesNotContain(secret, sink.ToString(), StringComparison.Ordinal);
        Assert.Contains("- name: DB_PASSWORD", sink.ToString(), StringComparison.Ordinal);
    }
}
