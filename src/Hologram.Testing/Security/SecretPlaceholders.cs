using System.Buffers;

namespace Hologram.Testing.Security;

/// <summary>Values that look like a secret's slot but are not one: <c>&lt;KEY&gt;</c>, <c>${TOKEN}</c>, <c>***</c>, <c>changeme</c>…</summary>
internal static class SecretPlaceholders
{
    private static readonly HashSet<string> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        "changeme", "change_me", "change-me", "changeit", "password", "passwd", "pass", "pwd", "secret", "token", "apikey", "api_key",
        "yourpassword", "your_password", "your-password", "yourtoken", "your_token", "your-token", "your_api_key",
        "placeholder", "sample", "null", "nil", "none", "undefined", "true", "false", "default", "empty",
        "redacted", "hidden", "masked", "removed", "n/a", "na", "todo", "tbd", "string", "value", "required", "optional",
        "not-set", "notset", "unset", "missing", "invalid", "expired",
    };

    // References to where a secret is kept, not the secret: Key Vault references of App Service settings, 1Password
    // op:// references, Vault and cloud secret-manager addresses.
    private static readonly string[] References =
    [
        "@Microsoft.KeyVault(", "op://", "vault:", "arn:aws:secretsmanager:", "arn:aws:ssm:", "secretref:", "akv://", "keyvault://", "sm://", "gcpsm://",
    ];

    private static readonly SearchValues<char> MaskChars = SearchValues.Create("*xX•…#.-_?");

    public static bool IsPlaceholder(string value)
    {
        var v = value.AsSpan().Trim().Trim("\"'");
        if (v.IsEmpty || !v.ContainsAnyExcept(MaskChars))
        {
            return true;
        }

        if ((v[0] == '<' && v[^1] == '>') || (v[0] == '[' && v[^1] == ']') || (v[0] == '{' && v[^1] == '}'))
        {
            return true;
        }

        if (v.StartsWith("${", StringComparison.Ordinal) || v.StartsWith("$(", StringComparison.Ordinal) || v.StartsWith("{{", StringComparison.Ordinal)
            || v.StartsWith("#{", StringComparison.Ordinal) || v.StartsWith("[REDACTED", StringComparison.OrdinalIgnoreCase)
            || (v.Length > 2 && v[0] == '%' && v[^1] == '%')
            || v.EndsWith("****", StringComparison.Ordinal))
        {
            return true;
        }

        foreach (var reference in References)
        {
            if (v.StartsWith(reference, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        if (v[0] == '$' && v.Length > 1 && IsEnvName(v[1..]))
        {
            return true;
        }

        return Words.Contains(v.ToString())
            || v.Contains("example", StringComparison.OrdinalIgnoreCase)
            || v.StartsWith("your", StringComparison.OrdinalIgnoreCase)
            || v.Contains("REDACTED", StringComparison.Ordinal);
    }

    private static bool IsEnvName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
