using Hologram.Testing.Statistics;
using Hologram.Testing.Perf.Budgets;
using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf;

/// <summary>
/// One measurement: Harrell-Davis p50/p95/p99 with a distribution-free confidence interval for p95, the mean,
/// allocations and GC counts, and the raw per-call samples. Times are in milliseconds.
/// </summary>
public sealed class PerfResult
{
    internal PerfResult(string name, PerfPhase phase, double[] samplesMs, double level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (samplesMs.Length == 0)
        {
            throw new ArgumentException("A measurement needs at least one sample.", nameof(samplesMs));
        }

        Name = Hologram.Testing.Security.SecretRedactor.Default.Redact(name); // names end up in file names, CSV, JSON and messages
        Phase = phase;
        Samples = samplesMs;
        ConfidenceLevel = level;
        var sorted = (double[])samplesMs.Clone();
        Array.Sort(sorted);
        P50 = HarrellDavis.Quantile(sorted, 0.50);
        P95 = HarrellDavis.Quantile(sorted, 0.95);
        P99 = HarrellDavis.Quantile(sorted, 0.99);
        var interval = QuantileInterval.Compute(sorted, 0.95, level);
        P95Lower = interval.Lower;
        P95Upper = interval.Upper;
        Mean = sorted.Average();
        Min = sorted[0];
        Max = sorted[^1];
    }

    /// <summary>The measurement name; also the budget name and the file name under <c>reports/perf/</c>.</summary>
    public string Name { get; }

    /// <summary>Warm (after warm-up) or cold.</summary>
    public PerfPhase Phase { get; }

    /// <summary>The profile that was active.</summary>
    public string Profile { get; init; } = string.Empty;

    /// <summary>When sampling finished.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary>The commit, when known.</summary>
    public string? Commit { get; init; }

    /// <summary>The raw samples in ms, in the order taken (per call; per operation when several run per sample).</summary>
    public IReadOnlyList<double> Samples { get; }

    /// <summary>The number of samples.</summary>
    public int Count => Samples.Count;

    /// <summary>Calls timed together per sample.</summary>
    public int OperationsPerSample { get; init; } = 1;

    /// <summary>Calls in flight at once while sampling.</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Harrell-Davis median, ms.</summary>
    public double P50 { get; }

    /// <summary>Harrell-Davis 95th percentile, ms.</summary>
    public double P95 { get; }

    /// <summary>Harrell-Davis 99th percentile, ms.</summary>
    public double P99 { get; }

    /// <summary>Lower bound of the distribution-free confidence interval of the 95th percentile, ms (negative infinity when the sample is too small).</summary>
    public double P95Lower { get; }

    /// <summary>Upper bound of the distribution-free confidence interval of the 95th percentile, ms (positive infinity when the sample is too small).</summary>
    public double P95Upper { get; }

    /// <summary>The two-sided confidence level of <see cref="P95Lower"/> and <see cref="P95Upper"/>.</summary>
    public double ConfidenceLevel { get; }

    /// <summary>The mean, ms.</summary>
    public double Mean { get; }

    /// <summary>The smallest sample, ms.</summary>
    public double Min { get; }

    /// <summary>The largest sample, ms.</summary>
    public double Max { get; }

    /// <summary>Bytes allocated per operation while sampling (current thread for synchronous operations, process-wide for asynchronous ones).</summary>
    public double AllocatedBytesPerOperation { get; init; }

    /// <summary>Generation-0 collections while sampling.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Generation-1 collections while sampling.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Generation-2 collections while sampling.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>The duration of the very first call, ms (includes JIT compilation when the code had not run yet).</summary>
    public double FirstCallMs { get; init; }

    /// <summary>Warm-up calls made before sampling.</summary>
    public int WarmupCalls { get; init; }

    /// <summary>Time spent warming up.</summary>
    public TimeSpan WarmupTime { get; init; }

    /// <summary>Whether the JIT settled during warm-up; <see langword="null"/> when warm-up did not wait for it.</summary>
    public bool? JitSettled { get; init; }

    /// <summary>Where it was measured.</summary>
    public EnvironmentFingerprint Environment { get; init; } = EnvironmentFingerprint.Current;

    /// <summary>How the measurement was taken, its configuration and how to re-measure.</summary>
    internal PerfContext? Context { get; init; }

    /// <summary>Checks p95 against the budget named like this measurement (<c>Budgets:&lt;name&gt;:P95Ms</c>), re-measuring once if inconclusive; does not throw on a breach.</summary>
    /// <returns>The check.</returns>
    public BudgetCheck CheckBudget() => BudgetEvaluator.Check(this, BudgetEvaluator.ConfiguredBudget(this), rerun: true);

    /// <summary>Checks p95 against <paramref name="p95"/>, re-measuring once if inconclusive; does not throw on a breach.</summary>
    /// <param name="p95">The budget.</param>
    /// <returns>The check.</returns>
    public BudgetCheck CheckBudget(TimeSpan p95) => BudgetEvaluator.Check(this, p95.TotalMilliseconds, rerun: true);

    /// <summary>Asserts p95 is within the budget named like this measurement (from configuration and the active profile).</summary>
    /// <returns>The check, when it passed or stayed inconclusive with <see cref="InconclusiveOutcome.Pass"/>.</returns>
    /// <exception cref="PerfBudgetExceededException">p95 is confidently over the budget.</exception>
    /// <exception cref="SkipException">The check stayed inconclusive and <see cref="PerfOptions.Inconclusive"/> is <see cref="InconclusiveOutcome.Skip"/>.</exception>
    public BudgetCheck AssertWithinBudget() => BudgetEvaluator.Enforce(CheckBudget(), Options);

    /// <summary>Asserts p95 is within <paramref name="p95"/>.</summary>
    /// <param name="p95">The budget.</param>
    /// <returns>The check, when it passed or stayed inconclusive with <see cref="InconclusiveOutcome.Pass"/>.</returns>
    /// <exception cref="PerfBudgetExceededException">p95 is confidently over the budget.</exception>
    /// <exception cref="SkipException">The check stayed inconclusive and <see cref="PerfOptions.Inconclusive"/> is <see cref="InconclusiveOutcome.Skip"/>.</exception>
    public BudgetCheck AssertWithinBudget(TimeSpan p95) => BudgetEvaluator.Enforce(CheckBudget(p95), Options);

    /// <summary>Asynchronous <see cref="AssertWithinBudget()"/>: re-measures an asynchronous operation without blocking.</summary>
    /// <param name="cancellationToken">Cancels a re-measurement.</param>
    /// <returns>The check.</returns>
    public async Task<BudgetCheck> AssertWithinBudgetAsync(CancellationToken cancellationToken = default) =>
        BudgetEvaluator.Enforce(await BudgetEvaluator.CheckAsync(this, BudgetEvaluator.ConfiguredBudget(this), rerun: true, cancellationToken).ConfigureAwait(false), Options);

    /// <summary>Asynchronous <see cref="AssertWithinBudget(TimeSpan)"/>.</summary>
    /// <param name="p95">The budget.</param>
    /// <param name="cancellationToken">Cancels a re-measurement.</param>
    /// <returns>The check.</returns>
    public async Task<BudgetCheck> AssertWithinBudgetAsync(TimeSpan p95, CancellationToken cancellationToken = default) =>
        BudgetEvaluator.Enforce(await BudgetEvaluator.CheckAsync(this, p95.TotalMilliseconds, rerun: true, cancellationToken).ConfigureAwait(false), Options);

    /// <summary>Asserts at most <paramref name="bytes"/> were allocated per operation.</summary>
    /// <param name="bytes">The allocation budget per operation.</param>
    /// <exception cref="PerfBudgetExceededException">More was allocated.</exception>
    public void AssertAllocatedAtMost(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        if (AllocatedBytesPerOperation > bytes)
        {
            throw new PerfBudgetExceededException(
                $"{Name} allocated {PerfFormat.Bytes(AllocatedBytesPerOperation)}/op > budget {PerfFormat.Bytes(bytes)}/op {PerfFormat.Label(this, remeasured: false)}");
        }
    }

    /// <summary>Compares with the stored baseline (<c>reports/perf/baseline.json</c> unless <paramref name="baseline"/> is given).</summary>
    /// <param name="baseline">The baseline to use; <see langword="null"/> loads the configured one.</param>
    /// <returns>The check; inconclusive when there is no baseline entry or the environment differs.</returns>
    public RegressionCheck CheckRegression(PerfBaseline? baseline = null)
    {
        baseline ??= PerfBaseline.LoadOrNull(PerfBaseline.DefaultPath(Configuration.ReportsDir));
        var record = ToRecord();
        var entry = baseline?.FindFor(record);
        return RegressionGate.Compare(entry, record, Configuration.Perf.RegressionThresholdPct, ConfidenceLevel);
    }

    /// <summary>Fails when the measurement is confidently slower than the baseline by more than <c>RegressionThresholdPct</c>.</summary>
    /// <param name="baseline">The baseline to use; <see langword="null"/> loads the configured one.</param>
    /// <returns>The check, when it did not fail.</returns>
    /// <exception cref="PerfBudgetExceededException">A confident regression.</exception>
    public RegressionCheck AssertNoRegression(PerfBaseline? baseline = null)
    {
        var check = CheckRegression(baseline);
        if (check.Verdict == PerfVerdict.Fail)
        {
            throw new PerfBudgetExceededException(check.Message);
        }

        return check;
    }

    /// <summary>This measurement as a stored record.</summary>
    /// <returns>The record.</returns>
    public PerfRecord ToRecord() => new()
    {
        Name = Name,
        Phase = Phase,
        Profile = Profile,
        Timestamp = Timestamp,
        Commit = Commit,
        N = Count,
        P50 = P50,
        P95 = P95,
        P95Lower = P95Lower,
        P95Upper = P95Upper,
        P99 = P99,
        Mean = Mean,
        Level = ConfidenceLevel,
        AllocatedBytesPerOperation = AllocatedBytesPerOperation,
        Environment = Environment,
        Samples = Samples,
    };

    /// <inheritdoc/>
    public override string ToString() =>
        $"{PerfFormat.P95(this, P95)}, p50 = {PerfFormat.Duration(P50)}, p99 = {PerfFormat.Duration(P99)}, alloc {PerfFormat.Bytes(AllocatedBytesPerOperation)}/op {PerfFormat.Label(this, remeasured: false)}";

    internal PerfOptions Options => Context?.Options ?? new PerfOptions();

    internal HologramOptions Configuration => Context?.Configuration ?? Options.Configuration ?? HologramContext.Options;
}
