namespace Hologram.Testing.History.Storage;

/// <summary>
/// Copies one history store into another (SQLite to PostgreSQL, back, or between two files) through the stores' own
/// idempotent writes: copying twice adds nothing, and a copy cut off part way is resumed by running it again. A run
/// whose attempts are all in the target already is skipped without reading them; any other run is written again and
/// the rows already there are left as they are.
/// </summary>
internal static class StoreCopy
{
    /// <summary>Attempts sent to the target per write.</summary>
    internal const int BatchSize = 10_000;

    /// <summary>Copies everything <paramref name="source"/> holds into <paramref name="target"/>.</summary>
    /// <param name="source">The store read.</param>
    /// <param name="target">The store written.</param>
    /// <param name="progress">Told the attempts handled so far and the attempts in all.</param>
    /// <param name="cancellationToken">Stops between batches; what was written stays (the next copy resumes).</param>
    /// <returns>What was written and skipped.</returns>
    public static async Task<StoreCopyResult> CopyAsync(IHistoryStore source, IHistoryStore target, IProgress<(long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        var from = Sql(source, nameof(source));
        var to = Sql(target, nameof(target));
        if (string.Equals(source.Description, target.Description, StringComparison.Ordinal))
        {
            throw new ArgumentException($"the source and the target are the same store ({source.Description})", nameof(target));
        }

        var sourceCounts = await from.GetAttemptCountsAsync(cancellationToken).ConfigureAwait(false);
        var targetCounts = await to.GetAttemptCountsAsync(cancellationToken).ConfigureAwait(false);
        var targetRuns = (await target.GetRunsAsync(int.MaxValue, cancellationToken).ConfigureAwait(false)).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        var runs = await source.GetRunsAsync(int.MaxValue, cancellationToken).ConfigureAwait(false);
        var total = sourceCounts.Values.Sum();
        long done = 0, attempts = 0, runsCopied = 0, runsSkipped = 0;
        var collisions = 0;
        var batch = new AttemptBatch();
        // Oldest first: a copy cut off part way leaves the target with a complete older history, not a newest-only one.
        foreach (var run in runs.Reverse())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = sourceCounts.GetValueOrDefault(run.RunId);
            if (targetRuns.Contains(run.RunId) && targetCounts.GetValueOrDefault(run.RunId) >= count)
            {
                runsSkipped++;
                done += count;
                progress?.Report((done, total));
                continue;
            }

            // The run first, then its attempts: a copy cut off in between finds the run short of attempts and writes it again.
            await target.BeginRunAsync(run, cancellationToken).ConfigureAwait(false);
            foreach (var chunk in (await source.GetAttemptsAsync(run.RunId, cancellationToken).ConfigureAwait(false)).Chunk(BatchSize))
            {
                batch.Clear();
                foreach (var attempt in chunk)
                {
                    batch.Add(attempt);
                }

                collisions += (await to.AppendAttemptBatchAsync(batch, cancellationToken).ConfigureAwait(false)).Count;
                attempts += chunk.Length;
                done += chunk.Length;
                progress?.Report((done, total));
            }

            runsCopied++;
        }

        var flakes = await source.GetFlakesAsync(DateTimeOffset.UnixEpoch, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var chunk in flakes.Chunk(BatchSize))
        {
            await target.AddFlakesAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        var perf = await source.GetPerfAsync(DateTimeOffset.UnixEpoch, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var chunk in perf.Chunk(BatchSize))
        {
            await target.AppendPerfAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        var quarantined = await to.ImportQuarantineAsync(await source.GetQuarantinedAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var audit = await to.ImportAuditAsync(await source.GetAuditAsync(cancellationToken: cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new StoreCopyResult(runsCopied, runsSkipped, attempts, flakes.Count, perf.Count, quarantined, audit, collisions);
    }

    private static SqlHistoryStore Sql(IHistoryStore store, string name) =>
        store as SqlHistoryStore ?? throw new ArgumentException($"history store {store.Description} cannot be copied (not a SQLite or PostgreSQL store)", name);
}
