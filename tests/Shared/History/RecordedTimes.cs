using Hologram.Testing.History;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.TestSupport;

/// <summary>One timestamp read back from a history store, with what it belongs to.</summary>
/// <param name="What">The record and field, e.g. <c>run 3f… EndedAt</c>.</param>
/// <param name="At">The value, or null when the field was never written (a run that did not end).</param>
public sealed record RecordedTime(string What, DateTimeOffset? At)
{
    /// <inheritdoc />
    public override string ToString() => $"{What} = {(At is { } at ? at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) : "(none)")}";
}

/// <summary>
/// Reads every timestamp a run records into a history store — each run's start and end, each attempt's finish, each
/// flake's detection, each quarantine's start and each audit entry — and checks that all of them come from the fake
/// clock the run was given.
/// </summary>
public static class RecordedTimes
{
    /// <summary>Every timestamp in <paramref name="store"/>, labelled with what it belongs to.</summary>
    /// <param name="store">The store.</param>
    public static async Task<IReadOnlyList<RecordedTime>> ReadAsync(IHistoryStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var times = new List<RecordedTime>();
        foreach (var run in await store.GetRunsAsync(int.MaxValue))
        {
            times.Add(new($"run {run.RunId} StartedAt", run.StartedAt));
            times.Add(new($"run {run.RunId} EndedAt", run.EndedAt));
            foreach (var attempt in await store.GetAttemptsAsync(run.RunId))
            {
                times.Add(new($"attempt {attempt.Attempt} of {attempt.TestId} in run {run.RunId} FinishedAt", attempt.FinishedAt));
            }
        }

        foreach (var flake in await store.GetFlakesAsync(DateTimeOffset.MinValue))
        {
            times.Add(new($"{flake.Kind} flake of {flake.TestId} in run {flake.RunId} DetectedAt", flake.DetectedAt));
        }

        foreach (var entry in await store.GetQuarantinedAsync())
        {
            times.Add(new($"quarantine of {entry.TestId} Since", entry.Since));
        }

        foreach (var audit in await store.GetAuditAsync())
        {
            times.Add(new($"audit '{audit.Action}' of {audit.TestId} At", audit.At));
        }

        return times;
    }

    /// <summary>
    /// Reads every timestamp in <paramref name="store"/> and throws, listing all of them, unless there is at least one
    /// and each lies in [<see cref="FakeTimeProvider.Start"/>, <see cref="FakeTimeProvider.GetUtcNow"/>] of
    /// <paramref name="clock"/>.
    /// </summary>
    /// <param name="store">The store the run wrote.</param>
    /// <param name="clock">The only clock the run was given.</param>
    /// <returns>The timestamps read, for further checks of what was recorded.</returns>
    public static async Task<IReadOnlyList<RecordedTime>> AllOnAsync(IHistoryStore store, FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var times = await ReadAsync(store);
        var (from, to) = (clock.Start, clock.GetUtcNow());
        var off = times.Where(t => t.At is not { } at || at < from || at > to).ToList();
        if (times.Count == 0 || off.Count > 0)
        {
            throw new InvalidOperationException(
                $"{off.Count} of {times.Count} recorded timestamps are not on the run's clock [{from:O}, {to:O}]:"
                + string.Concat(off.Select(t => Environment.NewLine + "  " + t))
                + Environment.NewLine + "all recorded:" + string.Concat(times.Select(t => Environment.NewLine + "  " + t)));
        }

        return times;
    }
}
