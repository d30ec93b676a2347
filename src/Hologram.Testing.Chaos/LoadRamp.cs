using System.Runtime.InteropServices;
using Hologram.Testing.Statistics;
using System.Globalization;
using Hologram.Testing.Reports;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos;

/// <summary>
/// Runs an operation at increasing concurrency (1, 2, 4, … by default), each step bounded in operations and time, and
/// reports per step the throughput, p50/p95/p99 (Harrell-Davis, as in Hologram.Testing.Perf) and error rate, and the knee.
/// </summary>
public static class LoadRamp
{
    /// <summary>Runs the ramp; an operation that throws counts as an error.</summary>
    /// <param name="operation">One request against the system under test.</param>
    /// <param name="options">Levels and bounds; defaults when null.</param>
    /// <param name="cancellationToken">Stops the ramp.</param>
    public static Task<LoadRampResult> RunAsync(Func<CancellationToken, Task> operation, LoadRampOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(
            async token =>
            {
                await operation(token).ConfigureAwait(false);
                return true;
            },
            options,
            cancellationToken);
    }

    /// <summary>Runs the ramp; an operation that returns false or throws counts as an error.</summary>
    /// <param name="operation">One request against the system under test; true when it succeeded.</param>
    /// <param name="options">Levels and bounds; defaults when null.</param>
    /// <param name="cancellationToken">Stops the ramp.</param>
    public static async Task<LoadRampResult> RunAsync(Func<CancellationToken, Task<bool>> operation, LoadRampOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        options ??= new LoadRampOptions();
        var steps = new List<LoadStep>();
        foreach (var level in options.Levels)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(level, 1, nameof(options.Levels));
            steps.Add(await RunStepAsync(operation, level, options, cancellationToken).ConfigureAwait(false));
        }

        var result = new LoadRampResult(options.Name, steps, options.Knee);
        if (options.WriteReport)
        {
            result.ReportPath = ChaosReports.Write(options.ReportDirectory, options.Name, ToFile(result));
        }

        return result;
    }

    /// <summary>
    /// Finds the knee: the last step before the first one that adds less than <see cref="KneeCriteria.MinThroughputGain"/>
    /// throughput or fails more than <see cref="KneeCriteria.MaxErrorRate"/>.
    /// </summary>
    /// <param name="steps">The steps, in increasing concurrency.</param>
    /// <param name="criteria">What counts as no longer scaling.</param>
    /// <returns>The knee (null when the first step already fails or every step still scales) and the reason.</returns>
    public static (LoadStep? Knee, string Reason) FindKnee(IReadOnlyList<LoadStep> steps, KneeCriteria criteria)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(criteria);
        var c = CultureInfo.InvariantCulture;
        if (steps.Count == 0)
        {
            return (null, "no steps");
        }

        if (steps[0].ErrorRate > criteria.MaxErrorRate)
        {
            return (null, string.Create(c, $"error rate {steps[0].ErrorRate * 100:0.0}% already at concurrency {steps[0].Concurrency}"));
        }

        for (var i = 1; i < steps.Count; i++)
        {
            var previous = steps[i - 1];
            var current = steps[i];
            if (current.ErrorRate > criteria.MaxErrorRate)
            {
                return (previous, string.Create(c, $"error rate {current.ErrorRate * 100:0.0}% at concurrency {current.Concurrency} (limit {criteria.MaxErrorRate * 100:0.0}%)"));
            }

            var gain = previous.Throughput > 0 ? (current.Throughput / previous.Throughput) - 1 : double.PositiveInfinity;
            if (gain < criteria.MinThroughputGain)
            {
                return (previous, string.Create(
                    c,
                    $"throughput {previous.Throughput:0.#}/s → {current.Throughput:0.#}/s ({gain * 100:+0;-0}%) from concurrency {previous.Concurrency} to {current.Concurrency}, p95 {previous.P95.TotalMilliseconds:0.##} → {current.P95.TotalMilliseconds:0.##} ms"));
            }
        }

        return (null, string.Create(c, $"still scaling at concurrency {steps[^1].Concurrency}"));
    }

    private static async Task<LoadStep> RunStepAsync(Func<CancellationToken, Task<bool>> operation, int concurrency, LoadRampOptions options, CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var scheduled = time.GetTimestamp();

        // The step's clock starts when its first worker starts, not when the workers are queued: on a busy machine the
        // thread pool may start them late, and that delay is not the system under test's time.
        var started = 0L;
        var issued = 0;
        var errors = 0;
        var latencies = new List<double>[concurrency];
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var mine = latencies[w] = [];
            workers[w] = Task.Run(
                async () =>
                {
                    Interlocked.CompareExchange(ref started, time.GetTimestamp(), 0);

                    // The step's first operation always runs, so every step has a latency sample even when the time bound
                    // is already used up before a worker starts (a busy thread pool, a very short MaxStepDuration).
                    int n;
                    while ((n = Interlocked.Increment(ref issued)) <= options.MaxRequestsPerStep && (n == 1 || time.GetElapsedTime(Volatile.Read(ref started)) < options.MaxStepDuration))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var t0 = time.GetTimestamp();
                        bool ok;
                        try
                        {
                            ok = await operation(cancellationToken).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                        {
                            throw;
                        }
                        catch (Exception)
                        {
                            ok = false; // A failed operation is an error of the step, not of the ramp.
                        }

                        mine.Add(time.GetElapsedTime(t0).TotalMilliseconds);
                        if (!ok)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        var elapsed = time.GetElapsedTime(Interlocked.Read(ref started) is var first and not 0 ? first : scheduled);
        var sorted = latencies.SelectMany(l => l).Order().ToList();
        double Quantile(double p) => sorted.Count == 0 ? double.NaN : HarrellDavis.Quantile(CollectionsMarshal.AsSpan(sorted), p);
        return new LoadStep(concurrency, sorted.Count, errors, elapsed, Ms(Quantile(0.50)), Ms(Quantile(0.95)), Ms(Quantile(0.99)));
    }

    private static TimeSpan Ms(double value) => double.IsNaN(value) ? TimeSpan.Zero : TimeSpan.FromMilliseconds(value);

    private static LoadRampFile ToFile(LoadRampResult result) => new()
    {
        Name = result.Name,
        Steps = [.. result.Steps.Select(s => new LoadStepEntry
        {
            Concurrency = s.Concurrency,
            Requests = s.Requests,
            Errors = s.Errors,
            ErrorRate = Math.Round(s.ErrorRate, 4),
            ElapsedMs = Math.Round(s.Elapsed.TotalMilliseconds, 1),
            ThroughputPerSecond = Math.Round(s.Throughput, 2),
            P50Ms = Math.Round(s.P50.TotalMilliseconds, 3),
            P95Ms = Math.Round(s.P95.TotalMilliseconds, 3),
            P99Ms = Math.Round(s.P99.TotalMilliseconds, 3),
        })],
        KneeConcurrency = result.Knee?.Concurrency,
        KneeReason = result.KneeReason,
    };
}
