namespace Hologram.Testing.History;

/// <summary>
/// The single point every user-supplied text (error messages, display names) passes through before it is recorded.
/// Identity for now; secret scrubbing plugs in here.
/// </summary>
public static class HistoryRedaction
{
    /// <summary>The redaction applied by <see cref="HistoryRecorder"/>; never null.</summary>
    public static Func<string, string> Redact { get; set; } = static text => text;

    /// <summary>Applies <see cref="Redact"/>, passing null through.</summary>
    /// <param name="text">The text to redact.</param>
    /// <returns>The redacted text, or null.</returns>
    public static string? Apply(string? text) => text is null ? null : Redact(text);
}
