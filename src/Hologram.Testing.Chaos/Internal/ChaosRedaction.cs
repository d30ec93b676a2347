namespace Hologram.Testing.Chaos;

/// <summary>
/// The one place every string the chaos package writes (process output, reports) goes through. Identity for now: it is
/// wired to the shared secret redactor of Hologram.Testing when that lands, so no writer needs to change.
/// </summary>
internal static class ChaosRedaction
{
    /// <summary>Returns <paramref name="text"/> with secrets masked.</summary>
    public static string Redact(string text) => text;
}
