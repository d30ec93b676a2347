using System.Collections.Concurrent;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;
using Hologram.Testing.Flakes;
using Hologram.Testing.History;
using Hologram.Testing.Sdk.Internal;

namespace Hologram.Testing.Sdk;

/// <summary>
/// One run of one test assembly, as every adapter sees it: the configuration, shard and profile decisions, the
/// active quarantines, and the recording of every attempt and flake. When the run ends it detects cross-run flakes
/// and applies the <see cref="QuarantinePolicy"/>. Framework-neutral: the xUnit and NUnit adapters all use it.
/// </summary>
public sealed class TestRunSession : IAsyncDisposable
{
    /// <summary>The <c>Store</c> value that turns recording off.</summary>
    public const string NoStore = "none";

    private readonly HistoryRecorder? _recorder;
    private readonly Task<Dictionary<string, QuarantineEntry>> _quarantined;
    private readonly TimeProvider _time;
    private readonly Action<string> _warn;
    private readonly RunCosts _costs;
    private readonly Lazy<Task<HashSet<string>>> _knownFlaky;
    private readonly ConcurrentDictionary<TestRetryAttribute, (RetryRules? Rules, HologramConfigurationException? Error)> _attributeRules = new();
    private long _attempts;

    private TestRunSession(
        HologramOptions options, ShardPlan? plan, RunInfo run, HistoryRecorder? recorder,
        Task<Dictionary<string, QuarantineEntry>> quarantined, TimeProvider time, Action<string> warn, RunCosts costs)
    {
        _costs = costs;
        Options = options;
        Run = run;
        Selection = new TestSelection(options, plan);
        _recorder = recorder;
        _quarantined = quarantined;
        _time = time;
        _warn = warn;
        RetryRules = RetryRules.From(options.Retry, options.Retries);
        RetryBudget = new RetryBudget(options.Retry.MaxFailedTests, options.Retry.MaxFailedTestsPercent, warn);
        _knownFlaky = new(() => recorder is null
            ? Task.FromResult(new HashSet<string>(StringComparer.Ordinal))
            : LoadKnownFlakyAsync(recorder, quarantined, new QuarantinePolicy(options.Flake, time).WindowStart, warn));
    }

    /// <summary>The run's configuration.</summary>
    public HologramOptions Options { get; }

    /// <summary>The run's metadata as recorded.</summary>
    public RunInfo Run { get; }

    /// <summary>Shard and profile decisions.</summary>
    public TestSelection Selection { get; }

    /// <summary>True when attempts are recorded (to the store or, when it is unavailable, to the spool).</summary>
    public bool IsRecording => _recorder is not null;

    /// <summary>
    /// Why no test of this run is retried any more (more tests failed than <c>Retry:MaxFailedTests</c> or
    /// <c>Retry:MaxFailedTestsPercent</c> allow; the line the run printed once), or null while retries go on.
    /// </summary>
    public string? RetriesStopped => RetryBudget.StoppedReason;

    /// <summary>The clock of the run.</summary>
    internal TimeProvider Time => _time;

    /// <summary>The retry rules of a test without a retry attribute.</summary>
    internal RetryRules RetryRules { get; }

    /// <summary>The run's retry budget.</summary>
    internal RetryBudget RetryBudget { get; }

    /// <summary>Starts a run: opens the history store (or the spool), loads the active quarantines.</summary>
    /// <param name="options">The run's configuration.</param>
    /// <param name="framework">The adapter, e.g. <c>xunit2</c>.</param>
    /// <param name="assembly">The test assembly's name.</param>
    /// <param name="warn">Where one-line warnings go (store unavailable, policy errors).</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="HologramConfigurationException">A shard plan file exists but is not valid.</exception>
    public static Task<TestRunSession> StartAsync(
        HologramOptions options,
        string framework,
        string assembly,
        Action<string>? warn = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        StartAsync(options, framework, assembly, warn, timeProvider, RunCosts.ForRun(), cancellationToken);

    internal static async Task<TestRunSession> StartAsync(
        HologramOptions options,
        string framework,
        string assembly,
        Action<string>? warn,
        TimeProvider? timeProvider,
        RunCosts costs,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = costs.Start();
        var time = timeProvider ?? TimeProvider.System;
        warn ??= static _ => { };

        // Before anything is opened: a broken plan file fails the run at start, like any bad configuration.
        var plan = options.Shard is null ? null : ShardPlan.Load(ReportsLayout.For(options).ShardPlan);
        var detecting = costs.Start();
        var metadata = RunMetadata.Detect(options.Environment, options.RepositoryRoot);
        costs.Add("start.metadata", detecting);
        var run = new RunInfo
        {
            RunId = Guid.NewGuid().ToString("N"),
            BuildId = metadata.BuildId,
            Commit = metadata.Commit,
            Branch = metadata.Branch,
            Profile = options.Profile,
            Shard = options.Shard?.ToString(),
            Host = System.Environment.MachineName,
            Framework = framework,
            Assembly = assembly,
            StartedAt = time.GetUtcNow(),
            CiProvider = metadata.CiProvider,
            CiUrl = metadata.CiUrl,
        };

        return Begin(options, plan, run, warn, time, costs, started, cancellationToken);
    }

    /// <summary>
    /// Starts recording a run whose metadata is already known (a results file read by <c>hologram ingest</c>): the same
    /// recorder, journal and end-of-run policy as a live run, at the clock <paramref name="time"/> gives.
    /// </summary>
    internal static TestRunSession StartRecorded(HologramOptions options, RunInfo run, Action<string> warn, TimeProvider time) =>
        Begin(options, plan: null, run, warn, time, RunCosts.ForRun(), started: 0, CancellationToken.None);

    private static TestRunSession Begin(
        HologramOptions options, ShardPlan? plan, RunInfo run, Action<string> warn, TimeProvider time, RunCosts costs, long started, CancellationToken cancellationToken)
    {
        HistoryRecorder? recorder = null;
        var quarantined = Task.FromResult(new Dictionary<string, QuarantineEntry>(StringComparer.Ordinal));
        if (!string.Equals(options.Store, NoStore, StringComparison.OrdinalIgnoreCase))
        {
            // The store opens in the background while the tests already run: only a failing test needs the
            // quarantines, and it waits for them then.
            var recording = costs.Start();
            recorder = HistoryRecorder.Start(options, run, warn, time, costs);
            costs.Add("start.recorder", recording);
            // Perf measurements taken in this run's tests are recorded with it.
            HistoryRecorders.Register(recorder, options);
            quarantined = LoadQuarantinedAsync(recorder, warn, costs, cancellationToken);
        }

        costs.Add("start", started);
        var session = new TestRunSession(options, plan, run, recorder, quarantined, time, warn, costs);
        if (options.Retry.OnlyKnownFlaky)
        {
            // Read with the quarantines at run start, in the background, so the first failure finds it loaded.
            _ = session._knownFlaky.Value;
        }

        return session;
    }

    /// <summary>
    /// The retry rules of a test whose nearest retry attribute is <paramref name="attribute"/> (null: the run's),
    /// or the configuration error its values are.
    /// </summary>
    internal (RetryRules? Rules, HologramConfigurationException? Error) RetryRulesFor(TestRetryAttribute? attribute, string where) =>
        attribute is null
            ? (RetryRules, null)
            : _attributeRules.GetOrAdd(attribute, static (a, state) =>
            {
                try
                {
                    return (RetryRules.With(state.Run, a, state.Where), null);
                }
                catch (HologramConfigurationException e)
                {
                    return (null, e);
                }
            }, (Run: RetryRules, Where: where));

    /// <summary>
    /// True when the history knows <paramref name="testId"/> as flaky: a flake within <c>Flake:WindowDays</c>, or an
    /// active quarantine. Read once per run (at its start under <c>Retry:OnlyKnownFlaky</c>, else on first use).
    /// </summary>
    internal bool IsKnownFlaky(string testId) => _knownFlaky.Value.GetAwaiter().GetResult().Contains(testId);

    private static async Task<HashSet<string>> LoadKnownFlakyAsync(
        HistoryRecorder recorder, Task<Dictionary<string, QuarantineEntry>> quarantined, DateTimeOffset windowStart, Action<string> warn)
    {
        var known = new HashSet<string>((await quarantined.ConfigureAwait(false)).Keys, StringComparer.Ordinal);
        if (await recorder.StoreReady.ConfigureAwait(false) is not { } store)
        {
            return known;
        }

        try
        {
            foreach (var flake in await store.GetFlakesAsync(windowStart).ConfigureAwait(false))
            {
                known.Add(flake.TestId);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            warn($"hologram: could not read known flaky tests from {store.Description} ({e.Message}); only quarantined tests count as known flaky");
        }

        return known;
    }

    /// <summary>The active quarantine of a test, or null (waits for the store to open on first use).</summary>
    /// <param name="testId">The test id.</param>
    public QuarantineEntry? QuarantineOf(string testId) => _quarantined.GetAwaiter().GetResult().GetValueOrDefault(testId);

    private static async Task<Dictionary<string, QuarantineEntry>> LoadQuarantinedAsync(
        HistoryRecorder recorder, Action<string> warn, RunCosts costs, CancellationToken cancellationToken)
    {
        var quarantined = new Dictionary<string, QuarantineEntry>(StringComparer.Ordinal);
        if (await recorder.StoreReady.ConfigureAwait(false) is not { } store)
        {
            return quarantined;
        }

        var started = costs.Start();
        using var measured = new Measured(costs, "quarantineLoad", started);
        try
        {
            foreach (var entry in await store.GetQuarantinedAsync(cancellationToken).ConfigureAwait(false))
            {
                quarantined[entry.TestId] = entry;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            warn($"hologram: could not read quarantined tests from {store.Description} ({e.Message}); failures count as usual");
        }

        return quarantined;
    }

    /// <summary>Records one attempt of one test, at the run's clock (the recorder redacts it).</summary>
    /// <param name="testCase">The test case the attempt belongs to.</param>
    /// <param name="observation">What the framework reported.</param>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="outcome">The outcome as recorded (a run-time skip is a skip).</param>
    /// <param name="isFinal">True for the attempt whose outcome was reported.</param>
    /// <param name="quarantined">True when a failure was reported as skipped because the test is quarantined.</param>
    /// <param name="signature">The failure's error signature, or null.</param>
    internal void Record(
        TestCaseInfo testCase, TestObservation observation, int attempt, TestOutcome outcome, bool isFinal, bool quarantined, string? signature)
    {
        Interlocked.Increment(ref _attempts);
        _recorder?.Record(new TestAttempt
        {
            RunId = Run.RunId,
            TestId = observation.TestId,
            DisplayName = observation.DisplayName,
            ClassName = testCase.ClassName,
            Categories = testCase.Categories,
            Attempt = attempt,
            Outcome = outcome,
            DurationMs = observation.DurationMs,
            IsFinal = isFinal,
            Quarantined = quarantined,
            ErrorMessage = outcome == TestOutcome.Passed ? null : observation.Message,
            ErrorSignature = signature,
            FinishedAt = _time.GetUtcNow(),
        });
    }

    /// <summary>Records an attempt as it was observed elsewhere (a results file); the recorder redacts it.</summary>
    /// <param name="attempt">The attempt, of this run.</param>
    internal void Record(TestAttempt attempt)
    {
        Interlocked.Increment(ref _attempts);
        _recorder?.Record(attempt);
    }

    /// <summary>Records that a test failed and then passed within this run.</summary>
    /// <param name="testId">The test.</param>
    /// <param name="signature">The signature of the failure it recovered from.</param>
    internal void RecordPassedOnRetry(string testId, string? signature)
    {
        _recorder?.RecordFlake(new FlakeEvent
        {
            TestId = testId,
            RunId = Run.RunId,
            Commit = Run.Commit,
            Kind = FlakeKind.PassedOnRetry,
            DetectedAt = _time.GetUtcNow(),
            ErrorSignature = signature,
        });
    }

    /// <summary>Ends the run: flushes the records, detects cross-run flakes and applies the quarantine policy.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_recorder is null)
        {
            _costs.Write(Run.Framework, Run.Assembly, Interlocked.Read(ref _attempts));
            return;
        }

        try
        {
            var started = _costs.Start();
            await _recorder.FlushAsync().ConfigureAwait(false);
            _costs.Add("flush", started);
            if (_recorder.Store is { } store)
            {
                started = _costs.Start();
                await ApplyPolicyAsync(store).ConfigureAwait(false);
                _costs.Add("policy", started);
            }
        }
        catch (Exception e)
        {
            _warn($"hologram: flake policy not applied ({e.Message}); results are recorded and the next run applies it");
        }
        finally
        {
            HistoryRecorders.Unregister(_recorder);
            var started = _costs.Start();
            await _recorder.DisposeAsync().ConfigureAwait(false);
            _costs.Add("close", started);
            _costs.Write(Run.Framework, Run.Assembly, Interlocked.Read(ref _attempts));
        }
    }

    // Adds a phase's time when disposed, however the phase ends.
    private readonly struct Measured(RunCosts costs, string phase, long started) : IDisposable
    {
        public void Dispose() => costs.Add(phase, started);
    }

    private async Task ApplyPolicyAsync(IHistoryStore store)
    {
        var policy = new QuarantinePolicy(Options.Flake, _time);
        var windowStart = policy.WindowStart;
        // Only this run can have gained a differing outcome: a query bounded by the run's tests, whatever the store's size.
        var crossRun = Run.Commit is null
            ? []
            : await store.FindCrossRunFlakesOfRunAsync(windowStart, Run.Commit, Run.RunId).ConfigureAwait(false);
        if (crossRun.Count > 0)
        {
            await store.AddFlakesAsync(crossRun).ConfigureAwait(false);
        }

        var flakes = await store.GetFlakesAsync(windowStart).ConfigureAwait(false);
        var quarantined = await store.GetQuarantinedAsync().ConfigureAwait(false);
        var passes = quarantined.Count == 0
            ? new Dictionary<string, int>()
            : await store.GetConsecutivePassesAsync(quarantined.Select(q => q.TestId).ToList()).ConfigureAwait(false);

        // The policy reads the audit trail only for a test's last release, and only a test with enough flakes that is
        // not quarantined now can be quarantined: fetch just those tests' trails, not the whole (ever-growing) one.
        var quarantinedIds = quarantined.Select(q => q.TestId).ToHashSet(StringComparer.Ordinal);
        var audit = new List<AuditEntry>();
        foreach (var candidate in flakes
            .GroupBy(f => f.TestId, StringComparer.Ordinal)
            .Where(g => g.Count() >= Options.Flake.QuarantineAfter && !quarantinedIds.Contains(g.Key))
            .Select(g => g.Key))
        {
            audit.AddRange(await store.GetAuditAsync(candidate).ConfigureAwait(false));
        }

        foreach (var decision in policy.Decide(flakes, quarantined, passes, audit))
        {
            if (decision.Quarantine is { } entry)
            {
                await store.QuarantineAsync(entry).ConfigureAwait(false);
            }
            else
            {
                await store.ReleaseAsync(decision.TestId, _time.GetUtcNow(), decision.Reason, QuarantinePolicy.Actor).ConfigureAwait(false);
            }
        }
    }
}
