using System.Text.RegularExpressions;

namespace Hologram.Testing.Security;

/// <summary>
/// Context rules that need no known prefix: the name a value is assigned to says it is secret (read as words, by its
/// last word: <c>ALGOLIA_ADMIN_KEY</c>, <c>"SigningKey"</c>, <c>SMTP_PASS</c>, <c>AZURE_DEVOPS_EXT_PAT</c>, but not
/// <c>TokenId</c>, <c>PublicKey</c>, <c>PartitionKey</c>), in every form configuration and output write it (env,
/// <c>key=value</c>, JSON, YAML, XML elements and attributes, name/value pairs, command-line flags, prose), or the
/// structure does (a token as a URL's user name, a value passed to a client or credential constructor, a value masked
/// for a CI log). Values are gated by the kind of name: a password may be a word, a key must look random.
/// </summary>
internal static partial class SecretPatterns
{
    // Words before "key"/"pat"/"token" that make the name an identifier of something else, not a secret.
    private static readonly HashSet<string> NonSecretQualifiers = new(StringComparer.OrdinalIgnoreCase)
    {
        "public", "partition", "row", "sort", "cache", "idempotency", "foreign", "object", "instrumentation", "lookup", "map",
        "dictionary", "registry", "group", "resource", "message", "translation", "localization", "feature", "flag", "cursor",
        "page", "next", "continuation", "cancellation", "sync", "resume", "change", "dedup", "dedupe", "host", "composite",
        "unique", "shard", "bucket", "index", "primary_db", "hot", "max", "min", "total", "dimension", "label", "tag", "sorting",
        "hash", "range", "socket", "concurrency", "correlation", "routing_table", "deduplication", "header", "column", "field", "property",
    };

    // Words after the secret noun that still name the secret itself ("ApiKeyValue", "token_b64").
    private static readonly HashSet<string> SecretSuffixes = new(StringComparer.OrdinalIgnoreCase)
    {
        "value", "string", "str", "b64", "base64", "plain", "text", "enc", "encrypted", "raw",
    };

    private static readonly HashSet<string> PasswordNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passwd", "pwd", "passphrase", "pass", "passcode",
    };

    private static readonly HashSet<string> SecretNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "secret", "token", "apikey", "authtoken", "accesstoken", "refreshtoken", "secretkey", "accesskey", "privatekey",
        "clientsecret", "credential", "credentials", "signature", "sig", "sas",
    };

    private static readonly HashSet<string> KeyNouns = new(StringComparer.OrdinalIgnoreCase) { "key", "pat", "dsn" };

    private static readonly SecretRule[] ContextRules =
    [
        new(SecretKind.GenericSecret, NamedAssignment(), ["key=", "key\"", "key'", "key:", "key =", "key :", "pat=", "pat\"", "pat:", "pass=", "pass\"", "pass:", "pass =", "pat =", "token=", "token\"", "token:", "secret=", "secret\"", "secret:", "key\\\"", "token\\\"", "secret\\\"", "pass\\\"", "signature=", "signature\"", "signature:", "sig\""], NamedValueLooksSecret),
        new(SecretKind.GenericSecret, NamedXmlElement(), ["key>", "pat>", "pass>"], NamedValueLooksSecret),
        new(SecretKind.GenericSecret, NameValuePair(), ["value:", "value\"", "value=", "value'", "<value>"], NamedValueLooksSecret),
        new(SecretKind.GenericSecret, SecretFlag(), ["-key", "-auth", "-token", "-secret", "-pass", "-pwd", "-pat"], NamedValueLooksSecret),
        new(SecretKind.GenericSecret, UrlUserToken(), ["://"], LooksRandomToken),
        new(SecretKind.GenericSecret, ConstructorArgument(), ["Client(", "Credential(", "Credentials(", "Gateway("], LooksRandomUnquoted),
        new(SecretKind.GenericSecret, CiMask(), ["::add-mask::"], LooksLikePassword),
        new(SecretKind.GenericSecret, SecretStoreCommand(), ["secret set", "secrets set", "put-parameter", "create-secret", "put-secret-value"], LooksLikePassword),
        new(SecretKind.GenericSecret, OpenSslPass(), ["pass:"], LooksLikePassword),
        new(SecretKind.GenericSecret, UserThenPassword(), ["-u ", "--user", "-Username"], LooksLikeUserPassword),
    ];

    // NAME=value, "Name": "value", Name: value, name="value" (an XML attribute): a name whose last word says secret.
    [GeneratedRegex("""(?<![\w.:-])(?<key>([A-Za-z][\w.:-]{0,60}?)?(key|pat|pass|passcode|token|secret|signature|sig)([_.-]?[A-Za-z0-9]{1,8})?)\\?["']?\s*(=>|:=|[:=])\s*(\\"(?<secret>[^"\\\r\n]+)\\"|"(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>(?>[^\s"'`,;&<>(){}\[\]\\]+))(?!\())""", IgnoreCase, Timeout)]
    private static partial Regex NamedAssignment();

    // <SigningKey>…</SigningKey>, <DeployPat>…</DeployPat>, <SmtpPass>…</SmtpPass>.
    [GeneratedRegex("""<(?<key>([A-Za-z][\w:.-]{0,60}?)?(key|pat|pass))>(?<secret>[^<\r\n]{3,})</""", IgnoreCase, Timeout)]
    private static partial Regex NamedXmlElement();

    // A name and its value as separate fields: Kubernetes env (- name: X / value: v, on two lines), JSON key lists
    // ({"keyName": "key1", "value": "…"}), .NET settings (<setting name="X"><value>v</value>), <add key="X" value="v"/>.
    [GeneratedRegex("""\b(name|key|keyName)["']?\s*[:=]\s*["']?(?<key>[\w.:-]{2,80})["']?[^\r\n<]{0,80}?(\r?\n[ \t]*)?((?<![\w-])value["']?\s*[:=]\s*("(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s"',}<>]+))|<value>(?<secret>[^<\r\n]+)</value>)""", IgnoreCase, Timeout)]
    private static partial Regex NameValuePair();

    // --account-key v, --access-key-secret v, --auth v, --client-secret=v, -token v.
    [GeneratedRegex("""(?<![\w-])--?(?<key>([A-Za-z][A-Za-z0-9-]{0,40}?)?(password|passwd|pass|pwd|token|secret|key|apikey|auth|authtoken|pat))(\s+|=)("(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s"'`-][^\s"'`]*))""", IgnoreCase, Timeout)]
    private static partial Regex SecretFlag();

    // A token as a URL's user name, with no password (Sentry DSNs, a token in front of @github.com).
    [GeneratedRegex("""(?<=[a-z0-9]://)(?<secret>[A-Za-z0-9_~-]{20,})@(?=[^\s/?#@"'<>]*[a-z0-9])""", IgnoreCase, Timeout)]
    private static partial Regex UrlUserToken();

    // A literal passed to a client or credential constructor: new CosmosClient(endpoint, "key"), new AzureKeyCredential("…").
    [GeneratedRegex("""(?<=\bnew\s+[A-Z]\w*(Credentials?|Client|Gateway)\s*\([^()\r\n]*)"(?<secret>[^"\s]{16,})(?=")""", Options, Timeout)]
    private static partial Regex ConstructorArgument();

    // A value masked for a CI log (GitHub Actions add-mask).
    [GeneratedRegex("""::add-mask::(?<secret>[^\s"']+)""", Options, Timeout)] // hologram:allow-secret (the rule's own pattern)
    private static partial Regex CiMask();

    // The value given to a secret store on its command line: az keyvault secret set --value, gh secret set --body,
    // aws ssm put-parameter --value, aws secretsmanager create-secret --secret-string.
    [GeneratedRegex("""\b(secrets?\s+set|put-parameter|create-secret|put-secret-value)\b[^\r\n]*?\s(--value|--body|-b|--secret-string)[\s=]+("(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s"']+))""", Options, Timeout)]
    private static partial Regex SecretStoreCommand();

    // OpenSSL's password sources (passin, passout, password) given literally with the pass: prefix.
    [GeneratedRegex("""(?<![\w-])-pass(in|out|word)?\s+["']?pass:(?<secret>[^\s"']+)""", Options, Timeout)]
    private static partial Regex OpenSslPass();

    // A user flag and then a password flag: dotnet nuget add source -u ci -p …, nuget sources add -Username ci -Password ….
    [GeneratedRegex("""(?<![\w-])(-u|--user(name)?|-Username)\s+[^\s-]\S*\s+(-p|--password|-Password)\s+("(?<secret>[^"\r\n]+)"|'(?<secret>[^'\r\n]+)'|(?<secret>[^\s"'`-][^\s"'`]*))""", Options, Timeout)]
    private static partial Regex UserThenPassword();

    /// <summary>Code, not a literal: <c>options.Value.ClientSecret</c>; a dotted random token (<c>s.irDDuZ8…</c>) is not code.</summary>
    private static bool IsCode(string value)
    {
        if (!MemberAccess().IsMatch(value))
        {
            return false;
        }

        // Identifiers are made of words ("request", "Password", "Get", "Environment"); a random token's letters mostly are
        // not: at least seven letters in ten must be in such words.
        var letters = 0;
        var wordLetters = 0;
        foreach (var word in SplitWords(value))
        {
            var wordLike = word.Length >= 3 && char.IsAsciiLetter(word[0]) && word.AsSpan(1).IndexOfAnyExceptInRange('a', 'z') < 0;
            foreach (var c in word)
            {
                letters += char.IsAsciiLetter(c) ? 1 : 0;
            }

            wordLetters += wordLike ? word.Length : 0;
        }

        return wordLetters * 10 >= letters * 7;
    }

    // A path or URL, not a key: /run/secrets/db, ~/.ssh/id_rsa, photos/2026/summer.jpg, https://…
    private static bool IsPathLike(string value)
    {
        if (value.Length == 0 || value[0] is '~' or '.' || value.Contains("://", StringComparison.Ordinal) || value.Contains('\\', StringComparison.Ordinal))
        {
            return true;
        }

        // A base64 key may start with '/', a path is words: /run/secrets/db, /api/v1/Orders.
        if (value[0] == '/' && Entropy(value) < 4.0)
        {
            return true;
        }

        if (!value.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var segment in value.Split('/'))
        {
            if (segment.Length >= 4 && segment.All(c => char.IsAsciiLetterLower(c) || c is '.' or '-' or '_'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What a name says about its value: not secret, a password (any non-placeholder), a secret, or a key (must look random).</summary>
    internal enum NameKind
    {
        None,
        Password,
        Secret,
        Key,
    }

    /// <summary>Reads a name as words (separators and camel case) and classifies it by its last word.</summary>
    internal static NameKind ClassifyName(string name)
    {
        var words = SplitWords(name);
        while (words.Count > 1 && (SecretSuffixes.Contains(words[^1]) || words[^1].All(char.IsAsciiDigit)))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count == 0 || words.Any(w => w.Equals("public", StringComparison.OrdinalIgnoreCase)))
        {
            return NameKind.None;
        }

        var head = words[^1];
        var qualifier = words.Count > 1 ? words[^2] : null;
        if (qualifier is not null && NonSecretQualifiers.Contains(qualifier))
        {
            return NameKind.None;
        }

        if (PasswordNouns.Contains(head))
        {
            return NameKind.Password;
        }

        if (SecretNouns.Contains(head) || head.EndsWith("password", StringComparison.OrdinalIgnoreCase) || head.EndsWith("secret", StringComparison.OrdinalIgnoreCase)
            || head.EndsWith("apikey", StringComparison.OrdinalIgnoreCase) || head.EndsWith("authtoken", StringComparison.OrdinalIgnoreCase))
        {
            return NameKind.Secret;
        }

        if (head.Equals("auth", StringComparison.OrdinalIgnoreCase))
        {
            return qualifier is null ? NameKind.Key : NameKind.None;
        }

        return KeyNouns.Contains(head) ? NameKind.Key : NameKind.None;
    }

    private static List<string> SplitWords(string name)
    {
        var words = new List<string>();
        var start = 0;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsAsciiLetterOrDigit(name[i])
                || (i > start && char.IsAsciiLetterUpper(name[i]) && char.IsAsciiLetterLower(name[i - 1]))
                || (i > start && char.IsAsciiDigit(name[i]) != char.IsAsciiDigit(name[i - 1]));
            if (!boundary)
            {
                continue;
            }

            if (i > start)
            {
                words.Add(name[start..i]);
            }

            start = i < name.Length && !char.IsAsciiLetterOrDigit(name[i]) ? i + 1 : i;
        }

        return words;
    }

    // The value of a name that says secret, gated by what the name says. A value that spells the name's last word is a
    // reference to it ("GITHUB_TOKEN=" + Token, password: request.Password); one with spaces at its ends is code or prose.
    private static bool NamedValueLooksSecret(Match match, string value)
    {
        var key = match.Groups["key"].Value;
        var kind = ClassifyName(key);
        if (kind == NameKind.None || value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]) || IsCode(value) || IsPathLike(value))
        {
            return false;
        }

        var words = SplitWords(key);
        if (words.Any(w => w.Length >= 3 && value.Contains(w, StringComparison.OrdinalIgnoreCase) && value.Length < 32))
        {
            return false;
        }

        // A nested assignment (SharedAccessSignature=sv=2022-11-02&…) names its parts; only base64 padding ends in '='.
        if (kind != NameKind.Password && value.TrimEnd('=').Contains('=', StringComparison.Ordinal))
        {
            return false;
        }

        var pass = words.Count > 0 && words[^1].Equals("pass", StringComparison.OrdinalIgnoreCase);
        return kind switch
        {
            NameKind.Password when !pass => value.Length >= 3,
            NameKind.Password or NameKind.Secret => HasSecretShape(value) && !IsSlug(value) && !value.Contains(' ', StringComparison.Ordinal),
            _ => LooksRandomValue(value, minimumLength: 16),
        };
    }

    // Words joined by dashes or underscores ("k3y-material-for-tests", "orders-signing-key"): a name, not a random value.
    private static bool IsSlug(string value)
    {
        var wordChars = 0;
        var words = 0;
        foreach (var segment in value.Split('-', '_', '.'))
        {
            if (segment.Length >= 3 && segment.All(char.IsAsciiLetterLower))
            {
                words++;
                wordChars += segment.Length;
            }
        }

        return words >= 2 && wordChars * 2 >= value.Length;
    }

    // A value that must look random on its own: long enough, letters and digits, varied, not code, a path or a URL.
    private static bool LooksRandomValue(string value, int minimumLength)
    {
        if (value.Length < minimumLength || IsCode(value) || IsPathLike(value))
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

        return digit && letter && Entropy(value) >= 3.0 && !IsSlug(value);
    }

    // Prose: a quoted value as LooksRandom has it; an unquoted one must look random on its own.
    private static bool LooksRandomProse(Match match, string value) =>
        match.Groups["q"].Success ? LooksRandom(match, value) : LooksRandomUnquoted(match, value);

    private static bool LooksRandomUnquoted(Match match, string value) =>
        !SecretPlaceholders.IsPlaceholder(value) && LooksRandomValue(value, minimumLength: 16) && Entropy(value) >= 3.5;

    // "-u user -p value": mysql reads "-p orders" as a prompt and a database, so a plain word is not taken.
    private static bool LooksLikeUserPassword(Match match, string value) =>
        LooksLikePassword(match, value) && value.Length >= 8 && value.AsSpan().ContainsAny(Letters) && value.AsSpan().ContainsAnyExcept(Letters);

    // Session cookies, not the culture or consent cookies ASP.NET Core also names after itself.
    private static bool IsSessionCookie(Match match, string value)
    {
        var name = match.Groups["key"].Value;
        return !(name.EndsWith("culture", StringComparison.OrdinalIgnoreCase) || name.EndsWith("consent", StringComparison.OrdinalIgnoreCase));
    }
}
