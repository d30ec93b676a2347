using System.Text;
using System.Text.RegularExpressions;

namespace Hologram.Testing.Security;

/// <summary>The built-in rules, most specific first (an earlier rule wins when two overlap).</summary>
internal static partial class SecretPatterns
{
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const RegexOptions IgnoreCase = Options | RegexOptions.IgnoreCase;
    private const int Timeout = 1000;

    // Generic keys whose value may be any short string (people pick passwords); the others must look random.
    private static readonly string[] PasswordWords = ["password", "passwd", "passphrase", "pwd", "pass", "credential"];

    private static IReadOnlyList<SecretRule> BuiltIn { get; } =
    [
        new(SecretKind.GcpServiceAccountKey, GcpServiceAccount(), ["private_key"]),
        new(SecretKind.PrivateKey, PemPrivateKey(), ["PRIVATE KEY-----"], placeholders: false),
        new(SecretKind.GitHubToken, GitHub(), ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"]),
        new(SecretKind.GitLabToken, GitLab(), ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "gloas-", "glft-", "glimt-", "glagent-"]),
        new(SecretKind.SlackWebhook, SlackWebhook(), ["hooks.slack.com"]),
        new(SecretKind.SlackToken, SlackToken(), ["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-", "xoxe-", "xapp-"]),
        new(SecretKind.StripeKey, Stripe(), ["sk_live_", "rk_live_", "sk_test_", "rk_test_", "whsec_"]),
        new(SecretKind.NpmToken, Npm(), ["npm_"]),
        new(SecretKind.NuGetApiKey, NuGet(), ["oy2"]),
        new(SecretKind.AwsAccessKeyId, AwsAccessKeyId(), ["AKIA", "ASIA", "ABIA", "ACCA"]),
        new(SecretKind.GcpApiKey, GcpApiKey(), ["AIza"]),
        new(SecretKind.Jwt, Jwt(), ["eyJ"]),
        new(SecretKind.AwsSecretAccessKey, AwsSecret(), ["secret"]),
        new(SecretKind.AzureStorageKey, AzureKey(), ["AccountKey", "AccessKey", "account_key", "storage_key", "storagekey", "account-key", "storage-key"]),
        new(SecretKind.AzureSasSignature, AzureSas(), ["sig="]),
        new(SecretKind.UrlPassword, UrlPassword(), ["://"]),
        new(SecretKind.ConnectionStringPassword, ConnectionStringPassword(), ["password", "pwd"]),
        new(SecretKind.BearerToken, Bearer(), ["bearer"]),
        new(SecretKind.GenericSecret, AuthorizationScheme(), ["authorization"], LooksRandomToken),
        new(SecretKind.KubernetesBootstrapToken, BootstrapToken(), ["--token", "token:", "token=", "token\":"], static (_, v) => v.AsSpan(7).ContainsAnyInRange('0', '9')),
        new(SecretKind.BasicAuth, DockerAuth(), ["\"auth\"", "_auth"], IsBasicCredentialOrNpmAuth),
        new(SecretKind.GenericSecret, DockerConfigJson(), [".dockerconfig"]),
        new(SecretKind.GenericSecret, HeaderSecret(), ["key:", "token:", "secret:", "api:", "auth:", "password:", "signature:"], LooksRandomHeaderValue),
        new(SecretKind.GenericSecret, CommandLinePassword(), ["-u ", "--user", "login", "mysql", "sshpass", "sqlcmd", "redis-cli", "requirepass", "masterauth", "user-secrets", "dev-certs"], LooksLikePassword),
        new(SecretKind.GenericSecret, NetrcPassword(), ["machine ", "password "], LooksLikeNetrcPassword),
        new(SecretKind.GenericSecret, PgPass(), [":5432:", "*:*:"], LooksLikePassword),
        new(SecretKind.GenericSecret, HclVariableDefault(), ["variable \""], LooksLikePassword),
        new(SecretKind.GenericSecret, TwilioCredentials(), ["twilio"]),
        new(SecretKind.GenericSecret, QueryCode(), ["code="], LooksRandomToken),
        new(SecretKind.BasicAuth, Basic(), ["basic"], IsBasicCredential),
        new(SecretKind.SessionCookie, Cookie(), ["cookie"], IsSessionCookie),
        new(SecretKind.GenericSecret, GenericPair(), ["password", "passwd", "passphrase", "secret", "token", "api_key", "api-key", "apikey", "access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey", "auth_key", "authkey", "credential", "session"], LooksLikeSecret),
        new(SecretKind.GenericSecret, GenericFlag(), ["-pass", "-pwd", "-token", "-secret", "-api", "-client-secret", "-access-key"], LooksLikeSecret),
        new(SecretKind.GenericSecret, GenericAddKey(), ["value=\"", "value='"], LooksLikeSecret),
        new(SecretKind.GenericSecret, GenericProse(), ["secret", "token", "password", "passphrase", "apikey", "api_key", "api-key", "private_key", "privatekey", "_key ", "-key "], LooksRandomProse),
        new(SecretKind.GenericSecret, GenericXml(), ["password>", "passwd>", "secret>", "token>", "apikey>", "api_key>"], LooksLikeSecret),
        .. ContextRules,
    ];

    /// <summary>Every built-in rule in priority order: key files first, then the providers' prefixed formats, then the context rules.</summary>
    public static IReadOnlyList<SecretRule> All { get; } = [.. BuiltIn.Take(2), .. ProviderPatterns.BuiltIn, .. BuiltIn.Skip(2)];

    [GeneratedRegex("""(?<="private_key(_id)?"\s*:\s*")(?<secret>-----BEGIN [A-Z ]*PRIVATE KEY-----(\\[nr]|[A-Za-z0-9+/=\s])+-----END [A-Z ]*PRIVATE KEY-----(\\n)?|[0-9a-f]{40})(?=")""", Options, Timeout)]
    private static partial Regex GcpServiceAccount();

    [GeneratedRegex("""-----BEGIN [A-Z0-9 ]*PRIVATE KEY( BLOCK)?-----(?<secret>(\\[rn]|[\r\n\t ]|[A-Za-z0-9+/=]|[A-Za-z-]+:[^\r\n\\]*)+)""", Options, Timeout)]
    private static partial Regex PemPrivateKey();

    [GeneratedRegex("""(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{50,255})(?![A-Za-z0-9_])""", Options, Timeout)]
    private static partial Regex GitHub();

    [GeneratedRegex("""(?<![A-Za-z0-9_-])gl(pat|dt|rt|ptt|cbt|oas|ft|imt|agent)-[A-Za-z0-9_-]{20,255}""", Options, Timeout)]
    private static partial Regex GitLab();

    [GeneratedRegex("""hooks\.slack\.com/(services|workflows|triggers)/(?<secret>[A-Za-z0-9_/-]{20,})""", Options, Timeout)]
    private static partial Regex SlackWebhook();

    [GeneratedRegex("""(?<![A-Za-z0-9])(xox[baprse]-[A-Za-z0-9-]{10,250}|xapp-[0-9]-[A-Za-z0-9-]{10,250})""", Options, Timeout)]
    private static partial Regex SlackToken();

    [GeneratedRegex("""(?<![A-Za-z0-9])([sr]k_(live|test)_[A-Za-z0-9]{16,247}|whsec_[A-Za-z0-9+/=]{24,})""", Options, Timeout)]
    private static partial Regex Stripe();

    [GeneratedRegex("""(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])""", Options, Timeout)]
    private static partial Regex Npm();

    [GeneratedRegex("""(?<![A-Za-z0-9])oy2[a-z0-9]{43}(?![A-Za-z0-9])""", Options, Timeout)]
    private static partial Regex NuGet();

    [GeneratedRegex("""(?<![A-Za-z0-9])(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])""", Options, Timeout)]
    private static partial Regex AwsAccessKeyId();

    [GeneratedRegex("""AIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])""", Options, Timeout)]
    private static partial Regex GcpApiKey();

    [GeneratedRegex("""(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]*""", Options, Timeout)]
    private static partial Regex Jwt();

    [GeneratedRegex("""(aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key|aws_?secret)["']?\s*(=>|:=|[:=])\s*["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])""", IgnoreCase, Timeout)]
    private static partial Regex AwsSecret();

    [GeneratedRegex("""(AccountKey|SharedAccessKey|storage_?account_?key|storage[_-]?key|account[_-]?key)["']?\s*[=:]\s*["']?(?<secret>[A-Za-z0-9+/]{40,100}={0,2})""", IgnoreCase, Timeout)]
    private static partial Regex AzureKey();

    [GeneratedRegex("""(?<=^|[?&;\s"'])sig=(?<secret>[A-Za-z0-9%+/_-]{20,}(%3D|=){0,2})""", IgnoreCase, Timeout)]
    private static partial Regex AzureSas();

    [GeneratedRegex("""\b[a-z][a-z0-9+.-]{1,30}://[^\s:/?#@"'<>]*:(?<secret>[^\s/?#@"'<>]+)@(?=[^\s/?#@"'<>]*[a-z0-9])""", IgnoreCase, Timeout)]
    private static partial Regex UrlPassword();

    [GeneratedRegex("""(?<=;\s*)(Password|Pwd)\s*=\s*(?<secret>"([^"]|"")*"|'([^']|'')*'|[^;\r\n"']*[^;\r\n"'\s])|(?<![\w.-])(Password|Pwd)\s*=\s*(?<secret>"([^"]|"")*"|'([^']|'')*'|[^;\r\n"']*[^;\r\n"'\s])(?=\s*;)""", IgnoreCase, Timeout)]
    private static partial Regex ConnectionStringPassword();

    [GeneratedRegex("""\bBearer\s+(?<secret>(?=[A-Za-z0-9._~+/-]*[0-9])[A-Za-z0-9._~+/-]{8,}=*)""", IgnoreCase, Timeout)]
    private static partial Regex Bearer();

    [GeneratedRegex("""\bBasic\s+(?<secret>[A-Za-z0-9+/]{6,}={0,2})(?![A-Za-z0-9+/=])""", IgnoreCase, Timeout)]
    private static partial Regex Basic();

    [GeneratedRegex("""(?<=\b(Set-)?Cookie["']?\s*[:=]\s*["']?[^\r\n]*?)(?<![\w.-])(?<key>[\w.-]*(sess|sid|token|auth|jwt|login|remember|csrf|xsrf|aspnetcore)[\w.-]*|__(Host|Secure)-[\w.-]+)=(?<secret>[^;,\s"']{8,})""", IgnoreCase, Timeout)]
    private static partial Regex Cookie();

    [GeneratedRegex("""(?<!public[_-]?key)(?<key>(password|passwd|passphrase|secret|token|api[_-]?key|access[_-]?key|client[_-]?secret|private[_-]?key|auth[_-]?key|credentials?|session[_-]?(id|key|token))([_.-]?(value|key|string|str|b64|base64|plain|text|hash|enc|encrypted))?)["']?\s*(=>|:=|[:=])\s*("(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s"',;&<>(){}\[\]]+))""", IgnoreCase, Timeout)]
    private static partial Regex GenericPair();

    [GeneratedRegex("""(?<![\w-])--?(?<key>password|passwd|pass|pwd|token|secret|api-key|apikey|client-secret|access-key)\s+(?<secret>[^\s"'-][^\s"']*)""", IgnoreCase, Timeout)]
    private static partial Regex GenericFlag();

    [GeneratedRegex("""<(?<key>(?![\w:.-]*public[_-]?key[_-]?token>)[\w:.-]*(password|passwd|secret|token|apikey|api_key))>(?<secret>[^<\r\n]{3,})</""", IgnoreCase, Timeout)]
    private static partial Regex GenericXml();

    // <add key="ClientSecret" value="…" /> (appSettings, NuGet.config) and the same with name= / value= in other XML configs.
    [GeneratedRegex("""\b(key|name)\s*=\s*["'](?<key>[\w.:-]*(password|passwd|secret|token|api[_-]?key|private[_-]?key|access[_-]?key|auth[_-]?key)[\w.:-]*)["']\s+value\s*=\s*(["'](?<secret>[^"'\r\n]+)["'])""", IgnoreCase, Timeout)]
    private static partial Regex GenericAddKey();

    // A secret-named word followed by a value, as exception and log text puts it: "invalid ClientSecret 'x…'", quoted, or
    // unquoted: "with token s.xxxx", "secret key AbC…", "add-authtoken 2x…", "set aws_secret_access_key AbC…"; entropy-gated.
    [GeneratedRegex("""(?<key>secret|token|password|passphrase|api[_-]?key|private[_-]?key|access[_-]?key|secret[_-]?key)(\s+key)?\s+(is\s+|was\s+|=\s*|:\s*)?((?<q>["'`])(?<secret>[^"'`\s]{16,200})["'`]|(?<secret>[A-Za-z0-9][A-Za-z0-9+/_.~$-]{19,}={0,2})(?![\w+/=$.~-]))""", IgnoreCase, Timeout)]
    private static partial Regex GenericProse();

    // Authorization schemes other than Bearer and Basic: Token (DRF, NetBox), SSWS (Okta), Bot (Discord), ApiKey (Elastic), …
    [GeneratedRegex("""\bAuthorization["']?\s*[:=]\s*["']?(?!(Bearer|Basic)\b)[A-Za-z][A-Za-z0-9_-]{1,24}\s+(?<secret>[A-Za-z0-9._~+/-]{16,}=*)""", IgnoreCase, Timeout)]
    private static partial Regex AuthorizationScheme();

    [GeneratedRegex("""(?<![a-z0-9])[a-z0-9]{6}\.[a-z0-9]{16}(?![a-z0-9.])""", Options, Timeout)]
    private static partial Regex BootstrapToken();

    // Docker config.json "auth": "<base64 user:password>", and .npmrc _auth=<base64> (the registry-scoped form too).
    [GeneratedRegex("""("auth"\s*:\s*"|(?<![\w-])_auth\s*=\s*)(?<secret>[A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])""", Options, Timeout)]
    private static partial Regex DockerAuth();

    [GeneratedRegex("""\.dockerconfig(json)?["']?\s*[:=]\s*["']?(?<secret>[A-Za-z0-9+/]{20,}={0,2})""", IgnoreCase, Timeout)]
    private static partial Regex DockerConfigJson();

    // An HTTP header whose name ends in a secret word: X-Auth-Key, X-Auth-Token, PRIVATE-TOKEN, x-functions-key,
    // DD-APPLICATION-KEY, aeg-sas-key, X-JFrog-Art-Api; at the start of a line (a dump, curl -v) or after curl's -H.
    [GeneratedRegex("""(^\s*[<>]?\s*|(-H|--header)\s+["']?)(?<key>[A-Za-z][A-Za-z0-9]*(-[A-Za-z0-9]+)*-(key|token|secret|api|apikey|auth|password|signature))\s*:\s*["']?(?<secret>[A-Za-z0-9._~+/-]{16,}=*)""", IgnoreCase | RegexOptions.Multiline, Timeout)]
    private static partial Regex HeaderSecret();

    // Passwords on command lines: curl's -u/--user after the user name and colon, the -p/--password value of a login
    // command (docker, podman, helm, az), mysql's attached -p value, sshpass -p, sqlcmd -P, redis-cli -a, the
    // requirepass/masterauth lines of redis.conf, and the value of "dotnet user-secrets set" (all of it is secret).
    [GeneratedRegex("""(?<![\w-])(-u|--user)\s+["']?[^\s:"'$]+:(?<secret>[^\s"']+)|\blogin\b[^\r\n]*?\s(-p|--password)[\s=]+(?<secret>"[^"]+"|'[^']+'|[^\s"'-]\S*)|\bmysql(dump|admin)?\b[^\r\n]*?\s-p(?<secret>[^\s"'-]\S*)|\bsshpass\s+-p\s*(?<secret>"[^"]+"|'[^']+'|\S+)|\bsqlcmd\b[^\r\n]*?\s-P\s+(?<secret>"[^"]+"|'[^']+'|\S+)|\bredis-cli\b[^\r\n]*?\s-a\s+(?<secret>"[^"]+"|'[^']+'|\S+)|^\s*(requirepass|masterauth)\s+(?<secret>"[^"]+"|\S+)|\bdev-certs\b[^\r\n]*?\s(-p|--password)\s+(?<secret>"[^"]+"|'[^']+'|\S+)|\buser-secrets\s+set\s+("[^"]+"|'[^']+'|\S+)\s+(?<secret>"[^"\r\n]+"|'[^'\r\n]+'|\S+)""", Options | RegexOptions.Multiline, Timeout)]
    private static partial Regex CommandLinePassword();

    // .netrc: "machine host login user password secret" on one line, or a "password secret" line of a machine entry.
    [GeneratedRegex("""\bmachine\s+\S+\s+(login\s+\S+\s+)?password\s+(?<secret>\S+)|^\s*password\s+(?<secret>\S+)\s*$""", Options | RegexOptions.Multiline, Timeout)]
    private static partial Regex NetrcPassword();

    // .pgpass: hostname:port:database:username:password.
    [GeneratedRegex("""^[^:\s]+:([0-9]+|\*):[^:\s]+:[^:\s]+:(?<secret>\S+)\s*$""", Options | RegexOptions.Multiline, Timeout)]
    private static partial Regex PgPass();

    // Terraform: variable "db_password" { default = "…" } on one line.
    [GeneratedRegex(""""\bvariable\s+"(?<key>[\w-]*(password|passwd|secret|token|api_?key|private_?key|credential)[\w-]*)"\s*\{[^}\r\n]*?\bdefault\s*=\s*"(?<secret>[^"\r\n]+)"""", IgnoreCase, Timeout)]
    private static partial Regex HclVariableDefault();

    // An auth token right after a Twilio account SID: TwilioClient.Init("AC…", "…").
    [GeneratedRegex("""\bAC[a-f0-9]{32}["']?\s*,\s*["'](?<secret>[A-Za-z0-9]{32})["']""", Options, Timeout)]
    private static partial Regex TwilioCredentials();

    // A function or OAuth code in a query string: https://…/api/CreateOrder?code=…
    [GeneratedRegex("""[?&]code=(?<secret>[A-Za-z0-9_%-]{32,}(%3D|=){0,2})""", Options, Timeout)]
    private static partial Regex QueryCode();

    [GeneratedRegex("""^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$""", RegexOptions.CultureInvariant, Timeout)]
    private static partial Regex MemberAccess();

    private static bool IsBasicCredential(Match match, string value)
    {
        Span<byte> decoded = stackalloc byte[value.Length];
        if (!Convert.TryFromBase64String(value, decoded, out var written) || written < 3)
        {
            return false;
        }

        var colon = decoded[..written].IndexOf((byte)':');
        if (colon < 0)
        {
            return false;
        }

        foreach (var b in decoded[..written])
        {
            if (b < 0x20 && b != '\t')
            {
                return false;
            }
        }

        return Encoding.UTF8.GetCharCount(decoded[..written]) > 0;
    }

    private static bool IsBasicCredentialOrNpmAuth(Match match, string value) =>
        IsBasicCredential(match, value) || (match.Value.Contains("_auth", StringComparison.Ordinal) && LooksRandomToken(match, value));

    // A value of a secret-named header or a non-Bearer Authorization scheme: random-looking, not a word or a name.
    private static bool LooksRandomToken(Match match, string value)
    {
        var digit = false;
        var letter = false;
        foreach (var c in value)
        {
            digit |= char.IsAsciiDigit(c);
            letter |= char.IsAsciiLetter(c);
        }

        return digit && letter && Entropy(value) >= 3.0 && !IsCode(value);
    }

    private static readonly string[] NonSecretHeaderWords = ["cache", "public", "primary", "partition", "sort", "idempotency", "routing", "correlation", "row", "hash", "websocket"];

    private static bool LooksRandomHeaderValue(Match match, string value)
    {
        var key = match.Groups["key"].Value;
        return !NonSecretHeaderWords.Any(w => key.StartsWith(w, StringComparison.OrdinalIgnoreCase) || key.Contains("-" + w + "-", StringComparison.OrdinalIgnoreCase))
            && LooksRandomToken(match, value);
    }

    // A password in a command line or a credentials file: anything but a placeholder, a shell variable, a template
    // ("{password}", "{{ .Values.pw }}") or a number (docker run -u 1000:1000 is a uid:gid).
    private static bool LooksLikePassword(Match match, string value)
    {
        var v = value.Trim('"', '\'', '\\', '`').TrimEnd(',', ';', ')', '`');
        return v.Length >= 3 && !SecretPlaceholders.IsPlaceholder(v) && v[0] != '$' && v[0] != '%'
            && !(v.Contains('{', StringComparison.Ordinal) && v.Contains('}', StringComparison.Ordinal))
            && v.AsSpan().ContainsAnyExceptInRange('0', '9');
    }

    // A lone "password <value>" line (a .netrc machine entry) reads like prose when the value is a word: "Password changed".
    private static bool LooksLikeNetrcPassword(Match match, string value) =>
        LooksLikePassword(match, value)
        && (match.Value.TrimStart().StartsWith("machine", StringComparison.Ordinal) || value.AsSpan().ContainsAnyExcept(Letters));

    private static readonly System.Buffers.SearchValues<char> Letters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>Shannon entropy of <paramref name="value"/> in bits per character.</summary>
    internal static double Entropy(string value)
    {
        Span<int> counts = stackalloc int[128];
        var other = 0;
        foreach (var c in value)
        {
            if (c < 128)
            {
                counts[c]++;
            }
            else
            {
                other++;
            }
        }

        var entropy = 0.0;
        foreach (var count in counts)
        {
            if (count > 0)
            {
                var p = (double)count / value.Length;
                entropy -= p * Math.Log2(p);
            }
        }

        if (other > 0)
        {
            var p = (double)other / value.Length;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    // Prose has no assignment to anchor it: only values that look random (mixed classes, high entropy) count.
    private static bool LooksRandom(Match match, string value)
    {
        if (!LooksLikeSecret(match, value) || Entropy(value) < 3.5)
        {
            return false;
        }

        var digit = false;
        var letter = false;
        foreach (var c in value)
        {
            digit |= char.IsAsciiDigit(c);
            letter |= char.IsAsciiLetter(c);
        }

        return digit && letter && !value.Contains('/', StringComparison.Ordinal) && !value.Contains('\\', StringComparison.Ordinal);
    }

    private static bool LooksLikeSecret(Match match, string value)
    {
        var key = match.Groups["key"];
        var keyText = key.Success ? key.Value : "password";
        if (value.Length >= 3 && keyText.Length >= 3 && value.Contains(keyText.TrimStart('-'), StringComparison.OrdinalIgnoreCase)
            && !(value.Length >= 32 && Entropy(value) >= 3.5))
        {
            return false; // "password = request.Password", "token=$TOKEN" (but not a long random token that spells the word)
        }

        if (IsCode(value))
        {
            return false; // code, not a literal: "secret = Environment.GetEnvironmentVariable(…)", "token => Store.OpenAsync(…)"
        }

        if (PasswordWords.Any(w => keyText.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return value.Length >= 3;
        }

        return HasSecretShape(value);
    }

    // Not a bare word or an identifier: eight characters or more with a digit or a symbol, or long mixed case.
    private static bool HasSecretShape(string value)
    {
        if (value.Length < 8)
        {
            return false;
        }

        var digit = false;
        var symbol = false;
        var upper = false;
        var lower = false;
        foreach (var c in value)
        {
            digit |= char.IsAsciiDigit(c);
            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            symbol |= !char.IsAsciiLetterOrDigit(c) && c is not '_' and not '-' and not '.';
        }

        // Identifier-like values ("aws-secret-access-key", "orders_signing") name a secret rather than hold one.
        return digit || symbol || (upper && lower && value.Length >= 12);
    }
}
