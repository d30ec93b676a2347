using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>How many builds one test would have broken: the runs, branches and commits in which its final outcome was a failure.</summary>
internal sealed class FailureImpact
{
    /// <summary>At most this many runs are read for one impact query, whatever the window.</summary>
    public const int MaxRuns = 20_000;

    private const int FirstPage = 500;

    /// <summary>Runs (in the window) in which the test's final outcome was a failure.</summary>
    public int FailedRuns { get; private set; }

    /// <summary>Of those, failures that quarantine reported as skipped.</summary>
    public int Masked { get; private set; }

    /// <summary>Distinct branches of the failed runs (unknown branches not counted).</summary>
    public SortedSet<string> Branches { get; } = new(StringComparer.Ordinal);

    /// <summary>Distinct commits of the failed runs (unknown commits not counted).</summary>
    public HashSet<string> Commits { get; } = new(StringComparer.Ordinal);

    /// <summary>True when <see cref="MaxRuns"/> stopped the scan before the window was covered.</summary>
    public bool Truncated { get; private set; }

    /// <summary>
    /// Reads the runs started at or after <paramref name="since"/>, newest first, and their attempts, stopping once
    /// <paramref name="expectedFailures"/> failed runs are found (the summary's count) or <see cref="MaxRuns"/> runs are read.
    /// </summary>
    public static async Task<FailureImpact> MeasureAsync(IHistoryStore store, string testId, DateTimeOffset since, int expectedFailures, CancellationToken cancellationToken)
    {
        var impact = new FailureImpact();
        if (expectedFailures <= 0)
        {
            return impact;
        }

        var scanned = new HashSet<string>(StringComparer.Ordinal);
        var limit = FirstPage;
        while (true)
        {
            var runs = await store.GetRunsAsync(limit, cancellationToken);
            foreach (var run in runs.Where(r => r.StartedAt >= since))
            {
                if (!scanned.Add(run.RunId))
                {
                    continue;
                }

                var attempts = await store.GetAttemptsAsync(run.RunId, cancellationToken);
                var final = attempts.LastOrDefault(a => a.IsFinal && string.Equals(a.TestId, testId, StringComparison.Ordinal));
                if (final is { Outcome: TestOutcome.Failed })
                {
                    impact.Add(run, final);
                    if (impact.FailedRuns >= expectedFailures)
                    {
                        return impact;
                    }
                }
            }

            var windowCovered = runs.Count < limit || runs[^1].StartedAt < since;
            if (windowCovered)
            {
                return impact;
            }

            if (limit >= MaxRuns)
            {
                impact.Truncated = true;
                return impact;
            }

            limit = Math.Min(limit * 4, MaxRuns);
        }
    }

    private void Add(RunInfo run, TestAttempt final)
    {
        FailedRuns++;
        if (final.Quarantined)
        {
            Masked++;
        }

        if (!string.IsNullOrEmpty(run.Branch))
        {
            Branches.Add(run.Branch);
        }

        if (!string.IsNullOrEmpty(run.Commit))
        {
            Commits.Add(run.Commit);
        }
    }
}
