using System.Globalization;
using Hologram.Testing.Reports;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos;

/// <summary>
/// A chaos experiment: check the steady state, run a workload, inject a fault, restore, measure how long the steady
/// state takes to hold again, then read back every write the workload saw acknowledged (lost or corrupted ones are
/// listed). Writes <c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.json</c>. Restores always run, even when the experiment fails.
/// </summary>
/// <example>
/// <code>
/// var report = await new ChaosExperiment("store-kill")
///     .SteadyState(ReadinessProbes.Http(health))
///     .Workload(async (op, ct) => { var cid = await AddAsync(op.Sequence, ct); op.Acknowledged(cid, digest); })
///     .Inject(_ => { store.Kill(); return Task.CompletedTask; })
///     .Restore(async ct => await store.RestartAsync(ct))
///     .ReadBack(async (cid, ct) => await CatDigestAsync(cid, ct))
///     .RunAsync();
/// report.AssertThresholds();
/// </code>
/// </example>
public sealed class ChaosExperiment
{
    private readonly ChaosExperimentOptions _options;
    private readonly List<Func<CancellationToken, Task>> _injections = [];
    private readonly List<Func<CancellationToken, Task>> _restores = [];
    private Func<CancellationToken, Task<bool>> _steadyState = static _ => Task.FromResult(true);
    private Func<ExperimentOperation, CancellationToken, Task>? _workload;
    private Func<string, CancellationToken, Task<string?>>? _readBack;

    /// <summary>Creates an experiment.</summary>
    /// <param name="name">Its name, also the report file's.</param>
    /// <param name="options">Durations and thresholds; defaults when null.</param>
    public ChaosExperiment(string name, ChaosExperimentOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        _options = options ?? new ChaosExperimentOptions();
    }

    /// <summary>The experiment's name.</summary>
    public string Name { get; }

    /// <summary>Sets the steady-state hypothesis: true when the system behaves normally. Checked before injecting and polled to measure recovery.</summary>
    /// <param name="probe">The probe.</param>
    public ChaosExperiment SteadyState(Func<CancellationToken, Task<bool>> probe)
    {
        _steadyState = probe ?? throw new ArgumentNullException(nameof(probe));
        return this;
    }

    /// <summary>Sets the workload: one operation, run in a loop by every worker through all phases; throwing counts as a failure.</summary>
    /// <param name="operation">The operation; call <see cref="ExperimentOperation.Acknowledged"/> for every write the system acknowledged.</param>
    public ChaosExperiment Workload(Func<ExperimentOperation, CancellationToken, Task> operation)
    {
        _workload = operation ?? throw new ArgumentNullException(nameof(operation));
        return this;
    }

    /// <summary>Adds a fault injected when the fault phase begins (e.g. kill a process).</summary>
    /// <param name="action">The injection.</param>
    public ChaosExperiment Inject(Func<CancellationToken, Task> action)
    {
        _injections.Add(action ?? throw new ArgumentNullException(nameof(action)));
        return this;
    }

    /// <summary>Adds a fault in force for the fault phase: a scope (e.g. <c>() =&gt; proxy.Inject(toxic)</c>) disposed at restore.</summary>
    /// <param name="scope">Starts the fault and returns what ends it.</param>
    public ChaosExperiment Inject(Func<IDisposable> scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        IDisposable? active = null;
        _injections.Add(_ =>
        {
            active = scope();
            return Task.CompletedTask;
        });
        _restores.Insert(0, _ =>
        {
            active?.Dispose();
            active = null;
            return Task.CompletedTask;
        });
        return this;
    }

    /// <summary>Adds a restore (rollback), run when the fault phase ends or the experiment fails (e.g. restart the process).</summary>
    /// <param name="action">The restore.</param>
    public ChaosExperiment Restore(Func<CancellationToken, Task> action)
    {
        _restores.Add(action ?? throw new ArgumentNullException(nameof(action)));
        return this;
    }

    /// <summary>Sets how a write is read back after recovery: the value for a key, or null when it is not found.</summary>
    /// <param name="read">The read.</param>
    public ChaosExperiment ReadBack(Func<string, CancellationToken, Task<string?>> read)
    {
        _readBack = read ?? throw new ArgumentNullException(nameof(read));
        return this;
    }

    /// <summary>Runs the experiment and writes its report.</summary>
    /// <param name="cancellationToken">Stops the experiment (restores still run).</param>
    /// <exception cref="ChaosAssertionException">The steady state did not hold before the fault.</exception>
    public async Task<ChaosExperimentReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var time = _options.TimeProvider;
        var startedAt = time.GetUtcNow();
        var started = time.GetTimestamp();
        if (!await _steadyState(cancellationToken).ConfigureAwait(false))
        {
            throw new ChaosAssertionException($"chaos experiment '{Name}': the steady state does not hold before the fault; nothing was injected");
        }

        var ledger = new WriteLedger();
        var counters = new int[4, 2];
        var phase = (int)ExperimentPhase.SteadyState;
        long sequence = -1;
        using var stopWorkload = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = Enumerable.Range(0, _workload is null ? 0 : Math.Max(1, _options.Concurrency))
            .Select(w => Task.Run(() => WorkAsync(w)))
            .ToList();

        var recovered = false;
        var recoveryTime = TimeSpan.Zero;
        var restored = false;
        try
        {
            await Task.Delay(_options.SteadyStateDuration, time, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)ExperimentPhase.Fault);
            foreach (var inject in _injections)
            {
                await inject(cancellationToken).ConfigureAwait(false);
            }

            await Task.Delay(_options.FaultDuration, time, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)ExperimentPhase.Recovery);
            var restoreStarted = time.GetTimestamp();
            restored = true;
            await RestoreAsync(cancellationToken).ConfigureAwait(false);
            (recovered, recoveryTime) = await AwaitSteadyStateAsync(restoreStarted, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref phase, (int)ExperimentPhase.AfterRecovery);
            await Task.Delay(_options.AfterRecoveryDuration, time, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (!restored)
            {
                await RestoreAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await stopWorkload.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(workers).ConfigureAwait(false);
        }

        var (lost, corrupted) = await CheckWritesAsync(ledger, cancellationToken).ConfigureAwait(false);
        var report = new ChaosExperimentReport
        {
            Name = Name,
            StartedAt = startedAt,
            Duration = time.GetElapsedTime(started),
            Phases = [.. Enum.GetValues<ExperimentPhase>().Select(p => new PhaseStatistics(p, counters[(int)p, 0], counters[(int)p, 1]))],
            Recovered = recovered,
            RecoveryTime = recoveryTime,
            AcknowledgedWrites = ledger.Snapshot().Count,
            LostWrites = lost,
            CorruptedWrites = corrupted,
            Thresholds = _options.Thresholds,
        };
        if (_options.WriteReport)
        {
            report.ReportPath = ChaosReports.Write(_options.ReportDirectory, Name, ToFile(report));
        }

        return report;

        async Task WorkAsync(int worker)
        {
            var token = stopWorkload.Token;
            while (!token.IsCancellationRequested)
            {
                var at = (ExperimentPhase)Volatile.Read(ref phase);
                var operation = new ExperimentOperation(ledger, worker, Interlocked.Increment(ref sequence), at);
                var failed = 0;
                try
                {
                    await _workload!(operation, token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    return; // Stopped mid-operation: neither a success nor a failure.
                }
                catch (Exception)
                {
                    failed = 1; // Counted, not rethrown: failures under fault are what the experiment measures.
                }

                Interlocked.Increment(ref counters[(int)at, 0]);
                Interlocked.Add(ref counters[(int)at, 1], failed);
            }
        }
    }

    private async Task RestoreAsync(CancellationToken cancellationToken)
    {
        List<Exception>? errors = null;
        foreach (var restore in _restores)
        {
            try
            {
                await restore(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                (errors ??= []).Add(ex); // Every restore runs; their failures are raised together below.
            }
        }

        if (errors is not null)
        {
            throw new AggregateException($"chaos experiment '{Name}': a restore failed", errors);
        }
    }

    private async Task<(bool Recovered, TimeSpan Time)> AwaitSteadyStateAsync(long since, CancellationToken cancellationToken)
    {
        var time = _options.TimeProvider;
        while (true)
        {
            bool holds;
            try
            {
                holds = await _steadyState(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                holds = false; // A probe that throws means the system is not back yet.
            }

            var elapsed = time.GetElapsedTime(since);
            if (holds)
            {
                return (true, elapsed);
            }

            if (elapsed >= _options.RecoveryTimeout)
            {
                return (false, elapsed);
            }

            await Task.Delay(_options.ProbeInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<(List<WriteCheck> Lost, List<WriteCheck> Corrupted)> CheckWritesAsync(WriteLedger ledger, CancellationToken cancellationToken)
    {
        var lost = new List<WriteCheck>();
        var corrupted = new List<WriteCheck>();
        if (_readBack is null)
        {
            return (lost, corrupted);
        }

        foreach (var (key, expected, phase) in ledger.Snapshot())
        {
            string? actual = null;
            string? error = null;
            for (var attempt = 0; attempt < Math.Max(1, _options.ReadBackAttempts); attempt++)
            {
                try
                {
                    actual = await _readBack(key, cancellationToken).ConfigureAwait(false);
                    error = null;
                    break;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    error = $"read failed: {ex.GetType().Name}: {ex.Message}";
                }
            }

            if (error is not null)
            {
                lost.Add(new WriteCheck(key, phase, error));
            }
            else if (actual is null)
            {
                lost.Add(new WriteCheck(key, phase, "not found"));
            }
            else if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                corrupted.Add(new WriteCheck(key, phase, string.Create(CultureInfo.InvariantCulture, $"read {Shorten(actual)}, acknowledged {Shorten(expected)}")));
            }
        }

        return (lost, corrupted);
    }

    private static string Shorten(string value) => value.Length <= 40 ? $"'{value}'" : $"'{value[..37]}…' ({value.Length} chars)";

    private static ChaosExperimentFile ToFile(ChaosExperimentReport report)
    {
        static ChaosWriteEntry[] Checks(IEnumerable<WriteCheck> checks) =>
            [.. checks.Select(w => new ChaosWriteEntry { Key = w.Key, Phase = w.Phase.ToString(), Problem = w.Problem })];

        var t = report.Thresholds;
        var violations = report.Violations();
        return new ChaosExperimentFile
        {
            Name = report.Name,
            StartedAt = report.StartedAt,
            DurationMs = Math.Round(report.Duration.TotalMilliseconds, 1),
            Operations = report.Operations,
            Failures = report.Failures,
            SuccessRate = Math.Round(report.SuccessRate, 6),
            Phases = [.. report.Phases.Select(p => new ChaosPhaseEntry
            {
                Phase = p.Phase.ToString(),
                Operations = p.Operations,
                Failures = p.Failures,
                SuccessRate = Math.Round(p.SuccessRate, 6),
            })],
            Recovered = report.Recovered,
            RecoveryMs = Math.Round(report.RecoveryTime.TotalMilliseconds, 1),
            AcknowledgedWrites = report.AcknowledgedWrites,
            LostWrites = Checks(report.LostWrites),
            CorruptedWrites = Checks(report.CorruptedWrites),
            Thresholds = new ChaosThresholdsEntry
            {
                MinSuccessRate = t.MinSuccessRate,
                MaxRecoveryMs = t.MaxRecoveryTime.TotalMilliseconds,
                MaxLostWrites = t.MaxLostWrites,
            },
            Violations = violations,
            Passed = violations.Count == 0,
        };
    }
}
