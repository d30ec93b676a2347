namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>A labelled corpus entry: a text with one secret in it, and the part that must not survive redaction.</summary>
internal sealed record CorpusSecret(string Kind, string Secret, string Text)
{
    public override string ToString() => $"{Kind}: {Text}";
}
