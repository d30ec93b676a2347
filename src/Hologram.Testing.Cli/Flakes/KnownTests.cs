using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>The test ids a pattern may match: every test with recorded history, plus the quarantined ones.</summary>
internal static class KnownTests
{
    /// <summary>All recorded test ids (one summary query over the whole history) and the active quarantines.</summary>
    public static async Task<(IReadOnlySet<string> Ids, IReadOnlyList<QuarantineEntry> Quarantined)> LoadAsync(IHistoryStore store, CancellationToken cancellationToken)
    {
        var summaries = await store.GetTestSummariesAsync(DateTimeOffset.UnixEpoch, cancellationToken);
        var quarantined = await store.GetQuarantinedAsync(cancellationToken);
        var ids = new HashSet<string>(summaries.Select(s => s.TestId), StringComparer.Ordinal);
        ids.UnionWith(quarantined.Select(q => q.TestId));
        return (ids, quarantined);
    }
}
