namespace Hologram.Testing.History.Storage;

/// <summary>What <c>hologram store prune</c> removed, per table.</summary>
/// <param name="Runs">Runs removed (those left with no attempt).</param>
/// <param name="Attempts">Attempts removed.</param>
/// <param name="Flakes">Flake events removed.</param>
/// <param name="Audit">Audit entries removed.</param>
/// <param name="Perf">Perf measurements removed.</param>
internal sealed record PruneResult(long Runs, long Attempts, long Flakes, long Audit, long Perf)
{
    /// <summary>Rows removed in all.</summary>
    public long Total => Runs + Attempts + Flakes + Audit + Perf;
}
