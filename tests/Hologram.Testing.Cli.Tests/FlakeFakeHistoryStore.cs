using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Tests;

/// <summary>An in-memory <see cref="IHistoryStore"/> with the contract's semantics, plus helpers to seed history.</summary>
internal sealed class FlakeFakeHistoryStore : IHistoryStore
{
    private readonly List<RunInfo> runs = [];
    private readonly List<TestAttempt> attempts = [];
    private readonly List<FlakeEvent> flakes = [];
    private readonly Dictionary<string, QuarantineEntry> quarantine = new(StringComparer.Ordinal);
    private readonly List<AuditEntry> audit = [];

    public string Description { get; init; } = "sqlite:/repo/reports/hologram.db";

    /// <summary>When set, every query throws it (a store that fails mid-command).</summary>
    public Exception? FailWith { get; set; }

    /// <summary>When set, returned by every summary query instead of figures computed from the seeded history.</summary>
    public IReadOnlyList<TestSummary>? PresetSummaries { get; set; }

    public int SummaryQueries { get; private set; }

    public int AttemptQueries { get; private set; }

    public int Disposals { get; private set; }

    public IReadOnlyList<AuditEntry> Audit => audit;

    public IReadOnlyList<QuarantineEntry> Quarantined => quarantine.Values.ToList();

    public RunInfo AddRun(string runId, DateTimeOffset startedAt, string? commit = null, string? branch = null, string? buildId = null, string framework = "xunit2")
    {
        var run = new RunInfo
        {
            RunId = runId, BuildId = buildId, Commit = commit, Branch = branch, Profile = "pr", Host = "ci-1",
            Framework = framework, Assembly = "App.Tests", StartedAt = startedAt, EndedAt = startedAt.AddMinutes(5),
        };
        runs.Add(run);
        return run;
    }

    public void AddResult(string runId, string testId, TestOutcome outcome, int attempt = 1, bool isFinal = true, bool quarantined = false, string? signature = null, double durationMs = 12)
    {
        var run = runs.Single(r => r.RunId == runId);
        var dot = VsTestFilter.MethodOf(testId).LastIndexOf('.');
        attempts.Add(new TestAttempt
        {
            RunId = runId, TestId = testId, DisplayName = testId, ClassName = testId[..dot], Attempt = attempt, Outcome = outcome,
            DurationMs = durationMs, IsFinal = isFinal, Quarantined = quarantined,
            ErrorMessage = outcome == TestOutcome.Failed ? "boom" : null,
            ErrorSignature = outcome == TestOutcome.Failed ? signature ?? "Assert.Equal() Failure" : null,
            FinishedAt = run.StartedAt.AddSeconds(attempts.Count),
        });
    }

    /// <summary>A fail-then-pass within one run, with its flake event.</summary>
    public void AddFlakyResult(string runId, string testId, string signature = "Timeout after <n> ms")
    {
        AddResult(runId, testId, TestOutcome.Failed, attempt: 1, isFinal: false, signature: signature);
        AddResult(runId, testId, TestOutcome.Passed, attempt: 2);
        var run = runs.Single(r => r.RunId == runId);
        flakes.Add(new FlakeEvent
        {
            TestId = testId, RunId = runId, Commit = run.Commit, Kind = FlakeKind.PassedOnRetry,
            DetectedAt = run.StartedAt.AddMinutes(1), ErrorSignature = signature,
        });
    }

    public Task BeginRunAsync(RunInfo run, CancellationToken cancellationToken = default)
    {
        runs.RemoveAll(r => r.RunId == run.RunId);
        runs.Add(run);
        return Task.CompletedTask;
    }

    public Task EndRunAsync(string runId, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        var index = runs.FindIndex(r => r.RunId == runId);
        runs[index] = runs[index] with { EndedAt = endedAt };
        return Task.CompletedTask;
    }

    public Task AppendAttemptsAsync(IReadOnlyCollection<TestAttempt> newAttempts, CancellationToken cancellationToken = default)
    {
        foreach (var a in newAttempts)
        {
            if (!attempts.Any(x => x.RunId == a.RunId && x.TestId == a.TestId && x.Attempt == a.Attempt))
            {
                attempts.Add(a);
            }
        }

        return Task.CompletedTask;
    }

    public Task AddFlakesAsync(IReadOnlyCollection<FlakeEvent> newFlakes, CancellationToken cancellationToken = default)
    {
        foreach (var f in newFlakes)
        {
            if (!flakes.Any(x => x.TestId == f.TestId && x.RunId == f.RunId && x.Kind == f.Kind))
            {
                flakes.Add(f);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<FlakeEvent>> GetFlakesAsync(DateTimeOffset since, string? testId = null, CancellationToken cancellationToken = default)
    {
        Check();
        return Task.FromResult<IReadOnlyList<FlakeEvent>>(flakes.Where(f => f.DetectedAt >= since && (testId is null || f.TestId == testId)).ToList());
    }

    public Task<IReadOnlyList<FlakeEvent>> FindCrossRunFlakesAsync(DateTimeOffset since, string? commit = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<FlakeEvent>>([]);

    public Task<IReadOnlyList<QuarantineEntry>> GetQuarantinedAsync(CancellationToken cancellationToken = default)
    {
        Check();
        return Task.FromResult<IReadOnlyList<QuarantineEntry>>(quarantine.Values.ToList());
    }

    public Task QuarantineAsync(QuarantineEntry entry, CancellationToken cancellationToken = default)
    {
        Check();
        quarantine[entry.TestId] = entry;
        audit.Add(new AuditEntry { At = entry.Since, TestId = entry.TestId, Action = "quarantined", Reason = entry.Reason, By = entry.By });
        return Task.CompletedTask;
    }

    public Task<bool> ReleaseAsync(string testId, DateTimeOffset at, string reason, string by, CancellationToken cancellationToken = default)
    {
        Check();
        if (!quarantine.Remove(testId))
        {
            return Task.FromResult(false);
        }

        audit.Add(new AuditEntry { At = at, TestId = testId, Action = "released", Reason = reason, By = by });
        return Task.FromResult(true);
    }

    public Task<IReadOnlyList<AuditEntry>> GetAuditAsync(string? testId = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(audit.Where(a => testId is null || a.TestId == testId).ToList());

    public Task<IReadOnlyDictionary<string, int>> GetConsecutivePassesAsync(IReadOnlyCollection<string> testIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(testIds.ToDictionary(t => t, _ => 0));

    public Task<IReadOnlyDictionary<string, double>> GetTestDurationsAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        Check();
        var started = runs.Where(r => r.StartedAt >= since).Select(r => r.RunId).ToHashSet(StringComparer.Ordinal);
        return Task.FromResult<IReadOnlyDictionary<string, double>>(attempts
            .Where(a => a.IsFinal && a.Outcome != TestOutcome.Skipped && started.Contains(a.RunId))
            .GroupBy(a => a.TestId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(a => a.DurationMs), StringComparer.Ordinal));
    }

    public Task<IReadOnlyList<TestSummary>> GetTestSummariesAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        Check();
        SummaryQueries++;
        if (PresetSummaries is not null)
        {
            return Task.FromResult(PresetSummaries);
        }

        var inWindow = runs.Where(r => r.StartedAt >= since).Select(r => r.RunId).ToHashSet();
        var summaries = attempts
            .Where(a => a.IsFinal && inWindow.Contains(a.RunId))
            .GroupBy(a => a.TestId)
            .Select(g =>
            {
                var testFlakes = flakes.Where(f => f.TestId == g.Key && f.DetectedAt >= since).ToList();
                return new TestSummary
                {
                    TestId = g.Key,
                    DisplayName = g.Last().DisplayName,
                    Runs = g.Count(),
                    Failures = g.Count(a => a.Outcome == TestOutcome.Failed),
                    Flakes = testFlakes.Count,
                    LastFlake = testFlakes.Count == 0 ? null : testFlakes.Max(f => f.DetectedAt),
                    LastSignature = attempts.Where(a => a.TestId == g.Key && a.ErrorSignature is not null && inWindow.Contains(a.RunId)).Select(a => a.ErrorSignature).LastOrDefault(),
                    Quarantine = quarantine.GetValueOrDefault(g.Key),
                };
            })
            .ToList();
        return Task.FromResult<IReadOnlyList<TestSummary>>(summaries);
    }

    public Task<IReadOnlyList<RunInfo>> GetRunsAsync(int limit, CancellationToken cancellationToken = default)
    {
        Check();
        return Task.FromResult<IReadOnlyList<RunInfo>>(runs.OrderByDescending(r => r.StartedAt).Take(limit).ToList());
    }

    public Task<IReadOnlyList<TestAttempt>> GetAttemptsAsync(string runId, CancellationToken cancellationToken = default)
    {
        Check();
        AttemptQueries++;
        return Task.FromResult<IReadOnlyList<TestAttempt>>(attempts.Where(a => a.RunId == runId).ToList());
    }

    public Task<IReadOnlyList<RunTotals>> GetRunTotalsAsync(int limit, CancellationToken cancellationToken = default)
    {
        Check();
        return Task.FromResult<IReadOnlyList<RunTotals>>(runs.OrderByDescending(r => r.StartedAt).Take(limit).Select(run =>
        {
            var mine = attempts.Where(a => a.RunId == run.RunId).ToList();
            var final = mine.Where(a => a.IsFinal).ToList();
            return new RunTotals
            {
                Run = run,
                Passed = final.Count(a => a.Outcome == TestOutcome.Passed),
                Failed = final.Count(a => a.Outcome == TestOutcome.Failed),
                Skipped = final.Count(a => a.Outcome == TestOutcome.Skipped),
                PassedOnRetry = final.Count(a => a.Outcome == TestOutcome.Passed && a.Attempt > 1),
                QuarantinedFailures = final.Count(a => a.Outcome == TestOutcome.Failed && a.Quarantined),
                Attempts = mine.Count,
                TestDurationMs = mine.Sum(a => a.DurationMs),
            };
        }).ToList());
    }

    public ValueTask DisposeAsync()
    {
        Disposals++;
        return ValueTask.CompletedTask;
    }

    private void Check()
    {
        if (FailWith is not null)
        {
            throw FailWith;
        }
    }
}
