using System.Text;
using System.Text.RegularExpressions;
using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security;

public sealed class SecretRedactorTests
{
    private static readonly SecretRedactor Redactor = new();

    // Built at run time so no token-shaped literal sits in the repository.
    private static string Fake(string prefix, int length, char fill = 'a') => prefix + new string(fill, length - 4) + "1B2c";

    [Fact]
    public void Keeps_the_key_name_the_url_host_and_the_bearer_prefix()
    {
        Assert.Equal("password=[REDACTED:generic-secret] retries=3", Redactor.Redact("password=hunter2x retries=3"));
        Assert.Equal(
            "postgres://orders:[REDACTED:url-password]@db.ci.internal:5432/orders",
            Redactor.Redact("postgres://orders:s3cr3t-Pa55@db.ci.internal:5432/orders"));
        Assert.Equal("Authorization: Bearer [REDACTED:bearer-token]", Redactor.Redact("Authorization: Bearer abcDEF123456ghiJKL789"));
        Assert.Equal(
            "POST https://hooks.slack.com/services/[REDACTED:slack-webhook] 200",
            Redactor.Redact($"POST https://hooks.slack.com/services/T{Fake("0", 8, '0')}/B{Fake("0", 10, '0')}/{Fake("x", 24)} 200"));
    }

    [Fact]
    public void Redacts_tokens_by_their_prefix()
    {
        var github = Fake("ghp_", 40);
        Assert.Equal("token [REDACTED:github-token] rejected", Redactor.Redact($"token {github} rejected"));
        Assert.Equal("[REDACTED:stripe-key]", Redactor.Redact(Fake("sk_live_", 32)));
        Assert.Equal("[REDACTED:nuget-api-key]", Redactor.Redact("oy2" + new string('k', 39) + "1b2c"));
    }

    [Fact]
    public void Keeps_the_private_key_markers()
    {
        var pem = "-----BEGIN RSA PRIVATE KEY-----\n" + new string('M', 64) + "\n" + new string('Q', 20) + "==\n-----END RSA PRIVATE KEY-----";
        Assert.Equal("-----BEGIN RSA PRIVATE KEY-----[REDACTED:private-key]-----END RSA PRIVATE KEY-----", Redactor.Redact(pem));
    }

    [Fact]
    public void Redacts_connection_string_passwords_and_keeps_the_rest()
    {
        Assert.Equal(
            "Server=sql;Database=Orders;User ID=sa;Password=[REDACTED:connection-string-password];Encrypt=True",
            Redactor.Redact("Server=sql;Database=Orders;User ID=sa;Password=Pa55 w0rd!;Encrypt=True"));
        Assert.Equal("Host=pg;Username=app;Pwd=[REDACTED:connection-string-password]", Redactor.Redact("Host=pg;Username=app;Pwd=Xq9#abc"));
    }

    [Fact]
    public void Redacts_session_cookies_but_not_ordinary_ones()
    {
        Assert.Equal(
            "Cookie: theme=dark; sessionid=[REDACTED:session-cookie]; lang=en",
            Redactor.Redact("Cookie: theme=dark; sessionid=a8f5f167f44f4964e6c998dee827110c; lang=en"));
        Assert.Equal("Set-Cookie: theme=dark; Path=/", Redactor.Redact("Set-Cookie: theme=dark; Path=/"));
    }

    [Theory]
    [InlineData("api_key=<KEY>")]
    [InlineData("token: ${TOKEN}")]
    [InlineData("password=***")]
    [InlineData("client_secret=changeme")]
    [InlineData("secret=xxx")]
    [InlineData("password=")]
    [InlineData("\"password\": \"\"")]
    [InlineData("token=$GITHUB_TOKEN")]
    [InlineData("password = request.Password")]
    [InlineData("token expired, retrying")]
    [InlineData("Bearer authentication scheme registered")]
    [InlineData("Basic authentication is disabled")]
    [InlineData("at Orders.Api.Load(String id, CancellationToken cancellationToken)")]
    [InlineData("commit 9fceb02d0ae598e95dc970b74767f19372d61af8")]
    [InlineData("PWD=/home/runner/work/orders")]
    [InlineData("docker run -p 8080:80 orders")]
    [InlineData("aws_access_key_id=AKIAIOSFODNN7EXAMPLE")]
    [InlineData("public const string AwsSecretAccessKey = \"aws-secret-access-key\";")]
    [InlineData("deploy/push.sh:4: github-token: ghp_********")]
    [InlineData("System.Runtime, Version=10.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a")]
    [InlineData("<PublicKeyToken>^B77A5C561934E089$</PublicKeyToken>")]
    [InlineData("var secret = Environment.GetEnvironmentVariable(\"HOLOGRAM_PROOF_KEY\");")]
    [InlineData("builder.Password = Uri.UnescapeDataString(uri.UserInfo);")]
    [InlineData("a 'postgres://user:pass@host:port/db' URL")]
    public void Leaves_placeholders_and_ordinary_text_alone(string text)
    {
        Assert.Same(text, Redactor.Redact(text));
    }

    [Fact]
    public void Redacting_twice_changes_nothing_more()
    {
        var once = Redactor.Redact($"password=hunter2x token={Fake("ghp_", 40)} Authorization: Basic {Convert.ToBase64String(Encoding.UTF8.GetBytes("svc:pa55word"))}");
        Assert.Equal(once, Redactor.Redact(once));
        Assert.DoesNotContain("hunter2x", once, StringComparison.Ordinal);
    }

    [Fact]
    public void Known_values_from_the_environment_are_redacted_wherever_they_appear()
    {
        var env = new Dictionary<string, string?> { ["ORDERS_KEY"] = "plain-value-42", ["SHORT"] = "abc", ["UNSET"] = null };
        var redactor = SecretRedactor.FromEnvironment(env, "ORDERS_KEY", "SHORT", "UNSET", "MISSING");

        Assert.Equal("signed with [REDACTED:known-secret] (abc)", redactor.Redact("signed with plain-value-42 (abc)"));
        Assert.Equal("signed with plain-value-42", new SecretRedactor().Redact("signed with plain-value-42"));
    }

    [Fact]
    public void Custom_patterns_and_literals_extend_a_copy_without_touching_the_original()
    {
        var original = new SecretRedactor();
        var custom = original.Clone()
            .AddPattern("ticket", new Regex("TCK-(?<secret>[0-9]{6})"), "TCK-")
            .AddPattern("anything", new Regex("zz[0-9]{3}zz"))
            .AddLiteral("orchid-lantern", "internal");

        Assert.Equal("TCK-[REDACTED:ticket] [REDACTED:anything] [REDACTED:internal]", custom.Redact("TCK-123456 zz123zz orchid-lantern"));
        Assert.Equal("TCK-123456 zz123zz orchid-lantern", original.Redact("TCK-123456 zz123zz orchid-lantern"));
    }

    [Fact]
    public void Literals_added_from_many_threads_are_all_kept()
    {
        var redactor = new SecretRedactor();
        Parallel.For(0, 200, i => redactor.AddLiteral($"literal-{i:000}-value"));

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal("[REDACTED:known-secret]", redactor.Redact($"literal-{i:000}-value"));
        }
    }

    [Fact]
    public void Find_reports_kind_position_and_a_masked_value()
    {
        var token = Fake("glpat-", 26);
        var finding = Assert.Single(Redactor.Find($"CI_JOB_TOKEN={token}"));

        Assert.Equal(SecretKind.GitLabToken, finding.Kind);
        Assert.Equal(13, finding.Index);
        Assert.Equal(token, finding.Value);
        Assert.Equal("glpa********", finding.Masked);
        Assert.DoesNotContain(token, finding.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void There_are_at_least_14_built_in_kinds()
    {
        Assert.True(SecretRedactor.BuiltInKinds.Count >= 14, string.Join(", ", SecretRedactor.BuiltInKinds));
    }
}
