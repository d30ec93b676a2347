using System.Globalization;
using Hologram.Testing.Security;
using Hologram.Testing.Tests.Security.Corpus;

namespace Hologram.Testing.Tests.Security;

/// <summary>Checks a corpus's detection against an overall and a per-kind floor.</summary>
internal static class CorpusAssert
{
    /// <summary>Runs <see cref="CorpusMeasure.Run"/> and asserts the floors.</summary>
    public static void Floors(SecretRedactor redactor, IReadOnlyList<CorpusSecret> corpus, Action<string> print, double overallFloor, double kindFloor)
    {
        var (overall, missed) = CorpusMeasure.Run(redactor, corpus, print);
        Xunit.Assert.True(overall >= overallFloor, string.Create(CultureInfo.InvariantCulture, $"overall detection {overall:0.00}% < {overallFloor}%"));
        foreach (var group in corpus.GroupBy(c => c.Kind))
        {
            var rate = 100.0 * group.Count(c => !missed.Contains(c)) / group.Count();
            Xunit.Assert.True(rate >= kindFloor, string.Create(CultureInfo.InvariantCulture, $"{group.Key}: {rate:0.0}% detected"));
        }
    }

}
