using Hologram.Testing.Security;

namespace Hologram.Testing.History;

/// <summary>
/// Where every user-supplied text (error messages, display names) passes before it is recorded:
/// the process-wide <see cref="SecretRedactor.Default"/>, the one redactor every Hologram writer uses.
/// </summary>
public static class HistoryRedaction
{
    /// <summary>Redacts secrets from <paramref name="text"/>, passing null through.</summary>
    /// <param name="text">The text to redact.</param>
    /// <returns>The redacted text, or null.</returns>
    public static string? Apply(string? text) => text is null ? null : SecretRedactor.Default.Redact(text);
}
