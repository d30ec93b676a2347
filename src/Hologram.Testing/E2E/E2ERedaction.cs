namespace Hologram.Testing.E2E;

/// <summary>
/// The one redaction seam of the E2E helpers: every string they write goes through <see cref="Redact"/>. Identity for
/// now; at integration it calls the shared redactor (<c>Hologram.Testing.History.HistoryRedaction.Redact</c>) so no
/// writer changes.
/// </summary>
internal static class E2ERedaction
{
    /// <summary>Returns <paramref name="text"/> with secrets masked.</summary>
    public static string Redact(string text) => text;
}
