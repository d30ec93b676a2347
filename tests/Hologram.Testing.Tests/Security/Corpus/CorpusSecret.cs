namespace Hologram.Testing.Tests.Security.Corpus;

/// <summary>A labelled corpus entry: a text with one secret in it, and the part that must not survive redaction.</summary>
internal sealed record CorpusSecret(string Kind, string Secret, string Text)
{
    public override string ToString() => $"{Kind}: {Text}";
}

/// <summary>Builds a corpus from per-kind generators: <c>perKind</c> entries of each kind, the entry number passed to the generator.</summary>
internal static class CorpusGenerators
{
    public static List<CorpusSecret> Generate(IEnumerable<(string Kind, Func<int, (string Secret, string Text)> Make)> generators, int perKind)
    {
        var all = new List<CorpusSecret>();
        foreach (var (kind, make) in generators)
        {
            for (var i = 0; i < perKind; i++)
            {
                var (secret, text) = make(i);
                all.Add(new CorpusSecret(kind, secret, text));
            }
        }

        return all;
    }
}
