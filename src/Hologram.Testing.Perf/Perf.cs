using Hologram.Testing.Perf.Records;
using Hologram.Testing.Perf.Sampling;
using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf;

/// <summary>
/// Latency measurements: per-call sampling after a warm-up that waits for the JIT, Harrell-Davis estimates with
/// distribution-free bounds, records under <c>reports/perf/</c>, budgets and comparisons.
/// </summary>
public static class Perf
{
    /// <summary>The id of this process's run in the CSV history (one per process).</summary>
    internal static readonly string RunId = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Measures a synchronous operation.</summary>
    /// <param name="name">The measurement name: the budget name and the file name under <c>reports/perf/</c>.</param>
    /// <param name="operation">The operation; called once per sample (or <see cref="PerfOptions.OperationsPerSample"/> times).</param>
    /// <param name="options">Options; <see langword="null"/> uses the active configuration.</param>
    /// <returns>The result.</returns>
    public static PerfResult Measure(string name, Action operation, PerfOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(operation);
        var (configuration, plan, rerun, resolved) = Resolve(options);
        var first = Sampler.Run(operation, plan);
        PerfContext? context = null;
        context = new PerfContext(resolved, configuration, plan, rerun, RunId, (samples, _) =>
        {
            var again = Build(name, PerfPhase.Warm, Sampler.Run(operation, plan with { Samples = samples }), context! with { Remeasure = null, Extend = null });
            return Task.FromResult(again);
        })
        {
            Extend = (samples, _) => Task.FromResult(Sampler.Run(operation, Continuation(plan, samples))),
            First = first,
            TimeBudget = TimeBudget(resolved, configuration),
        };
        return Build(name, PerfPhase.Warm, first, context);
    }

    /// <summary>Measures an asynchronous operation, optionally with several calls in flight.</summary>
    /// <param name="name">The measurement name.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="options">Options; <see langword="null"/> uses the active configuration.</param>
    /// <param name="cancellationToken">Cancels the measurement.</param>
    /// <returns>The result.</returns>
    public static async Task<PerfResult> MeasureAsync(string name, Func<Task> operation, PerfOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(operation);
        var (configuration, plan, rerun, resolved) = Resolve(options);
        var first = await Sampler.RunAsync(operation, plan, cancellationToken).ConfigureAwait(false);
        PerfContext? context = null;
        context = new PerfContext(resolved, configuration, plan, rerun, RunId, async (samples, token) =>
        {
            var raw = await Sampler.RunAsync(operation, plan with { Samples = samples }, token).ConfigureAwait(false);
            return Build(name, PerfPhase.Warm, raw, context! with { Remeasure = null, Extend = null });
        })
        {
            Asynchronous = true,
            Extend = (samples, token) => Sampler.RunAsync(operation, Continuation(plan, samples), token),
            First = first,
            TimeBudget = TimeBudget(resolved, configuration),
        };
        return Build(name, PerfPhase.Warm, first, context);
    }

    /// <summary>
    /// Measures cold calls: with <paramref name="reset"/>, <c>Perf:Samples</c> calls each right after a reset of the caches
    /// it names; without it, the single first call of <paramref name="operation"/> in this process. Recorded as the cold phase.
    /// </summary>
    /// <param name="name">The measurement name (the same as the warm measurement it pairs with).</param>
    /// <param name="operation">The operation.</param>
    /// <param name="reset">Empties the caches the operation uses, or <see langword="null"/> to time only the first call.</param>
    /// <param name="options">Options; <see langword="null"/> uses the active configuration.</param>
    /// <returns>The result.</returns>
    public static PerfResult MeasureCold(string name, Action operation, Action? reset = null, PerfOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(operation);
        var (configuration, plan, rerun, resolved) = Resolve(options);
        RawMeasurement raw;
        if (reset is null)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = plan.Time.GetTimestamp();
            operation();
            var ms = plan.Time.GetElapsedTime(start).TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            raw = new RawMeasurement([ms], ms, 0, TimeSpan.Zero, null, allocated, 1, 0, 0, 0);
        }
        else
        {
            raw = Sampler.RunCold(operation, reset, plan.Samples, plan.Time);
        }

        var context = new PerfContext(resolved, configuration, plan, rerun, RunId, reset is null ? null : (samples, _) =>
            Task.FromResult(Build(name, PerfPhase.Cold, Sampler.RunCold(operation, reset, samples, plan.Time), new PerfContext(resolved, configuration, plan, rerun, RunId, null))))
        {
            Extend = reset is null ? null : (samples, _) => Task.FromResult(Sampler.RunCold(operation, reset, samples, plan.Time)),
            First = raw,
            TimeBudget = TimeBudget(resolved, configuration),
        };
        return Build(name, PerfPhase.Cold, raw, context);
    }

    /// <summary>
    /// Compares two implementations paired and interleaved in this process: sample i of each is taken back to back,
    /// in random order, so drift of the machine hits both. Not recorded under <c>reports/perf/</c>.
    /// </summary>
    /// <param name="name">The comparison's name.</param>
    /// <param name="baseline">The reference implementation.</param>
    /// <param name="candidate">The implementation under test.</param>
    /// <param name="options">Options; <see langword="null"/> uses the active configuration (samples = pairs).</param>
    /// <returns>The comparison.</returns>
    public static PerfComparison Compare(string name, Action baseline, Action candidate, PerfOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var (configuration, plan, _, resolved) = Resolve(options);
        if (TimeBudget(resolved, configuration) is { } budget)
        {
            return PairedSampler.RunSequential(
                name, baseline, candidate, plan, RegressionGate.StableSeed(name), budget, resolved.ConfidenceLevel, configuration.Perf.RegressionThresholdPct, configuration.Profile);
        }

        var (a, b) = PairedSampler.Run(baseline, candidate, plan, RegressionGate.StableSeed(name));
        return PairedSampler.Evaluate(name, a, b, resolved.ConfidenceLevel, configuration.Perf.RegressionThresholdPct, configuration.Profile);
    }

    /// <summary>Asynchronous <see cref="Compare"/>.</summary>
    /// <param name="name">The comparison's name.</param>
    /// <param name="baseline">The reference implementation.</param>
    /// <param name="candidate">The implementation under test.</param>
    /// <param name="options">Options; <see langword="null"/> uses the active configuration.</param>
    /// <param name="cancellationToken">Cancels the comparison.</param>
    /// <returns>The comparison.</returns>
    public static async Task<PerfComparison> CompareAsync(string name, Func<Task> baseline, Func<Task> candidate, PerfOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(candidate);
        var (configuration, plan, _, resolved) = Resolve(options);
        if (TimeBudget(resolved, configuration) is { } budget)
        {
            return await PairedSampler.RunSequentialAsync(
                name, baseline, candidate, plan, RegressionGate.StableSeed(name), budget, resolved.ConfidenceLevel, configuration.Perf.RegressionThresholdPct, configuration.Profile,
                cancellationToken).ConfigureAwait(false);
        }

        var (a, b) = await PairedSampler.RunAsync(baseline, candidate, plan, RegressionGate.StableSeed(name), cancellationToken).ConfigureAwait(false);
        return PairedSampler.Evaluate(name, a, b, resolved.ConfidenceLevel, configuration.Perf.RegressionThresholdPct, configuration.Profile);
    }

    /// <summary>Turns raw samples into a result and records it when the options say so.</summary>
    /// <param name="name">The measurement name.</param>
    /// <param name="phase">Warm or cold.</param>
    /// <param name="raw">The samples.</param>
    /// <param name="context">How they were taken.</param>
    /// <param name="level">The p95 interval's level; <see langword="null"/>: the options' level (a sequential look passes its own).</param>
    /// <param name="record">Whether to record it when the options say so (a result rebuilt from recorded samples is not recorded again).</param>
    internal static PerfResult Build(string name, PerfPhase phase, RawMeasurement raw, PerfContext context, double? level = null, bool record = true)
    {
        var result = new PerfResult(name, phase, raw.SamplesMs, level ?? context.Options.ConfidenceLevel)
        {
            Profile = context.Configuration.Profile,
            Timestamp = context.Plan.Time.GetUtcNow(),
            Commit = context.Options.Commit ?? CommitFromEnvironment(),
            OperationsPerSample = context.Plan.OperationsPerSample,
            Concurrency = context.Plan.Concurrency,
            AllocatedBytesPerOperation = raw.Operations > 0 ? (double)raw.AllocatedBytes / raw.Operations : 0,
            Gen0Collections = raw.Gen0Collections,
            Gen1Collections = raw.Gen1Collections,
            Gen2Collections = raw.Gen2Collections,
            FirstCallMs = raw.FirstCallMs,
            WarmupCalls = raw.WarmupCalls,
            WarmupTime = raw.WarmupTime,
            JitSettled = raw.JitSettled,
            Context = context,
        };
        if (record && context.Options.Record)
        {
            PerfRecorder.Record(result, context.Configuration, context.RunId);
        }

        return result;
    }

    internal static (HologramOptions Configuration, SamplingPlan Plan, int RerunSamples, PerfOptions Options) Resolve(PerfOptions? options)
    {
        options ??= new PerfOptions();
        var configuration = options.Configuration ?? HologramContext.Options;
        var samples = options.Samples ?? configuration.Perf.Samples;
        var warmup = options.Warmup ?? configuration.Perf.Warmup;
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1, nameof(PerfOptions.Samples));
        ArgumentOutOfRangeException.ThrowIfNegative(warmup, nameof(PerfOptions.Warmup));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.OperationsPerSample, 1, nameof(PerfOptions.OperationsPerSample));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Concurrency, 1, nameof(PerfOptions.Concurrency));
        if (options.ConfidenceLevel is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.ConfidenceLevel, "PerfOptions.ConfidenceLevel must be in (0, 1).");
        }

        ArgumentNullException.ThrowIfNull(options.TimeProvider, nameof(PerfOptions.TimeProvider));
        var rerun = options.RerunSamples ?? Math.Max(4 * samples, 2 * QuantileInterval.MinimumSamples(0.95, options.ConfidenceLevel));
        var plan = new SamplingPlan(
            samples, warmup, options.MinWarmupTime, options.JitQuietTime, options.MaxWarmupTime, options.SettleJit,
            options.OperationsPerSample, options.Concurrency, options.TimeProvider);
        return (configuration, plan, rerun, options);
    }

    /// <summary>
    /// The per-measurement time budget of sequential sampling: <see cref="PerfOptions.TimeBudget"/>, else <c>Perf:TimeBudgetMs</c>;
    /// <see langword="null"/> when it is zero (fixed sample counts).
    /// </summary>
    internal static TimeSpan? TimeBudget(PerfOptions options, HologramOptions configuration)
    {
        var budget = options.TimeBudget ?? TimeSpan.FromMilliseconds(configuration.Perf.TimeBudgetMs);
        if (budget < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), budget, "PerfOptions.TimeBudget must be zero (fixed sample counts) or positive.");
        }

        return budget > TimeSpan.Zero ? budget : null;
    }

    /// <summary>The plan of a sequential continuation: <paramref name="samples"/> more samples after a one-call re-warm (the code is already warm).</summary>
    private static SamplingPlan Continuation(SamplingPlan plan, int samples) =>
        plan with { Samples = samples, WarmupCalls = 1, MinWarmupTime = TimeSpan.Zero, SettleJit = false };

    private static string? CommitFromEnvironment()
    {
        foreach (var variable in new[] { "HOLOGRAM_COMMIT", "GITHUB_SHA", "CI_COMMIT_SHA", "BUILD_SOURCEVERSION" })
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (!string.IsNullOrWhiteSpace(value))
            {
                return value.Trim();
            }
        }

        return null;
    }
}
