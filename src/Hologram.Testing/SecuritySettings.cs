using Hologram.Testing.Security;

namespace Hologram.Testing;

/// <summary>Secret redaction settings (<c>Security:*</c> keys).</summary>
public sealed class SecuritySettings
{
    /// <summary>
    /// The absolute path of the secrets baseline whose known-fake values the redactor leaves alone
    /// (<c>Security:SecretsBaseline</c>, <c>HOLOGRAM_SECRETS_BASELINE</c>; relative values resolve against the repository
    /// root), or <see langword="null"/> when none is configured.
    /// </summary>
    public string? SecretsBaseline { get; init; }

    /// <summary>The allow-list read from <see cref="SecretsBaseline"/>; <see cref="SecretAllowList.Default"/> (the inline marker only) without one.</summary>
    public SecretAllowList AllowList { get; init; } = SecretAllowList.Default;
}
