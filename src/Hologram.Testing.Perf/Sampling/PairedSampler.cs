using Hologram.Testing.Perf.Statistics;

namespace Hologram.Testing.Perf.Sampling;

/// <summary>Paired, interleaved sampling of two operations and the paired-bootstrap ratio of their p95s.</summary>
internal static class PairedSampler
{
    /// <summary>Bootstrap resamples for the paired ratio interval.</summary>
    public const int Resamples = 2000;

    public static (RawMeasurement Baseline, RawMeasurement Candidate) Run(Action baseline, Action candidate, SamplingPlan plan, int seed)
    {
        var pairs = new Pairs(baseline, candidate, plan);
        pairs.WarmUp();
        var random = new Random(seed);
        var a = new double[plan.Samples];
        var b = new double[plan.Samples];
        for (var i = 0; i < a.Length; i++)
        {
            (a[i], b[i]) = pairs.Next(random);
        }

        return (Raw(a, pairs.FirstBaseline, pairs.Tracker, plan), Raw(b, pairs.FirstCandidate, pairs.Tracker, plan));
    }

    public static async Task<(RawMeasurement Baseline, RawMeasurement Candidate)> RunAsync(Func<Task> baseline, Func<Task> candidate, SamplingPlan plan, int seed, CancellationToken cancellationToken)
    {
        var pairs = new AsyncPairs(baseline, candidate, plan, cancellationToken);
        await pairs.WarmUpAsync().ConfigureAwait(false);
        var random = new Random(seed);
        var a = new double[plan.Samples];
        var b = new double[plan.Samples];
        for (var i = 0; i < a.Length; i++)
        {
            (a[i], b[i]) = await pairs.NextAsync(random).ConfigureAwait(false);
        }

        return (Raw(a, pairs.FirstBaseline, pairs.Tracker, plan), Raw(b, pairs.FirstCandidate, pairs.Tracker, plan));
    }

    /// <summary>
    /// Warms both up, then samples pairs sequentially (<see cref="SequentialPaired"/>) until the regression verdict is
    /// decided or <paramref name="budget"/> (counted from the start, warm-up included) allows no further look.
    /// </summary>
    public static PerfComparison RunSequential(
        string name, Action baseline, Action candidate, SamplingPlan plan, int seed, TimeSpan budget, double level, double thresholdPct, string profile)
    {
        var started = plan.Time.GetTimestamp();
        var pairs = new Pairs(baseline, candidate, plan);
        pairs.WarmUp();
        var random = new Random(seed);
        var run = Sequential(name, plan, started, budget, level, thresholdPct, profile, pairs.Tracker, pairs.FirstBaseline, pairs.FirstCandidate, (x, y, count) =>
        {
            while (x.Count < count)
            {
                var (first, second) = pairs.Next(random);
                x.Add(first);
                y.Add(second);
            }

            return ValueTask.CompletedTask;
        });

        // Every step above completes synchronously, so the task has finished.
        return run.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Asynchronous <see cref="RunSequential"/>.</summary>
    public static async Task<PerfComparison> RunSequentialAsync(
        string name, Func<Task> baseline, Func<Task> candidate, SamplingPlan plan, int seed, TimeSpan budget, double level, double thresholdPct, string profile,
        CancellationToken cancellationToken)
    {
        var started = plan.Time.GetTimestamp();
        var pairs = new AsyncPairs(baseline, candidate, plan, cancellationToken);
        await pairs.WarmUpAsync().ConfigureAwait(false);
        var random = new Random(seed);
        return await Sequential(name, plan, started, budget, level, thresholdPct, profile, pairs.Tracker, pairs.FirstBaseline, pairs.FirstCandidate, async (x, y, count) =>
        {
            while (x.Count < count)
            {
                var (first, second) = await pairs.NextAsync(random).ConfigureAwait(false);
                x.Add(first);
                y.Add(second);
            }
        }).ConfigureAwait(false);
    }

    public static PerfComparison Evaluate(string name, RawMeasurement baseline, RawMeasurement candidate, double level, double thresholdPct, string profile)
    {
        var a = Result(name, baseline, level, profile);
        var b = Result(name, candidate, level, profile);
        var (lower, upper) = Bootstrap.RatioInterval(a.Samples, b.Samples, 0.95, level, paired: true, Resamples, RegressionGate.StableSeed(name));
        return new PerfComparison(name, a, b, b.P95 / a.P95, lower, upper, b.P50 / a.P50, thresholdPct);
    }

    /// <summary>The looks after the warm-up; the pace of the warm-up (one pair per warm-up step) plans the first look.</summary>
    private static async ValueTask<PerfComparison> Sequential(
        string name, SamplingPlan plan, long started, TimeSpan budget, double level, double thresholdPct, string profile,
        WarmupTracker tracker, double firstBaseline, double firstCandidate, Func<List<double>, List<double>, int, ValueTask> take)
    {
        var looks = new SequentialLooks(level, plan.Time, budget, plan.Time.GetElapsedTime(started));
        var pairCost = tracker.Calls > 0 ? tracker.Elapsed / tracker.Calls : TimeSpan.Zero;
        var outcome = await SequentialPaired.RunAsync(plan.Samples, thresholdPct, looks, take, pairCost).ConfigureAwait(false);

        // The interval reported is the one the decision used, at its look's level.
        var a = Result(name, Raw([.. outcome.Baseline], firstBaseline, tracker, plan), outcome.Level, profile);
        var b = Result(name, Raw([.. outcome.Candidate], firstCandidate, tracker, plan), outcome.Level, profile);
        return new PerfComparison(name, a, b, b.P95 / a.P95, outcome.Lower, outcome.Upper, b.P50 / a.P50, thresholdPct)
        {
            Looks = outcome.Looks,
        };
    }

    private static PerfResult Result(string name, RawMeasurement raw, double level, string profile) =>
        new(name, PerfPhase.Warm, raw.SamplesMs, level)
        {
            Profile = profile,
            Timestamp = DateTimeOffset.UtcNow,
            FirstCallMs = raw.FirstCallMs,
            WarmupCalls = raw.WarmupCalls,
            WarmupTime = raw.WarmupTime,
            JitSettled = raw.JitSettled,
        };

    private static RawMeasurement Raw(double[] samples, double first, WarmupTracker tracker, SamplingPlan plan) =>
        new(samples, first, tracker.Calls, tracker.Elapsed, plan.SettleJit ? tracker.JitSettled : null, 0, samples.Length, 0, 0, 0);

    /// <summary>
    /// The two operations timed in pairs: the warm-up both runs share, then one pair per call in a random order (the
    /// order decided by one draw of the caller's random source per pair).
    /// </summary>
    private sealed class Pairs(Action baseline, Action candidate, SamplingPlan plan)
    {
        private readonly int ops = plan.OperationsPerSample;
        private readonly double tickMs = 1000.0 / plan.Time.TimestampFrequency;

        public WarmupTracker Tracker { get; } = new(plan);

        public double FirstBaseline { get; private set; }

        public double FirstCandidate { get; private set; }

        /// <summary>Times one call of each, then both alternately until the warm-up is finished.</summary>
        public void WarmUp()
        {
            FirstBaseline = Time(baseline, 1);
            FirstCandidate = Time(candidate, 1);
            do
            {
                Time(baseline, ops);
                Time(candidate, ops);
            }
            while (!Tracker.CallFinished());
        }

        /// <summary>One sample of each (time per operation), the baseline first or second at random.</summary>
        public (double Baseline, double Candidate) Next(Random random)
        {
            if (random.Next(2) == 0)
            {
                var a = Time(baseline, ops) / ops;
                return (a, Time(candidate, ops) / ops);
            }

            var b = Time(candidate, ops) / ops;
            return (Time(baseline, ops) / ops, b);
        }

        private double Time(Action op, int count)
        {
            var start = plan.Time.GetTimestamp();
            for (var k = 0; k < count; k++)
            {
                op();
            }

            return (plan.Time.GetTimestamp() - start) * tickMs;
        }
    }

    /// <summary>The asynchronous counterpart of <see cref="Pairs"/>.</summary>
    private sealed class AsyncPairs(Func<Task> baseline, Func<Task> candidate, SamplingPlan plan, CancellationToken cancellationToken)
    {
        private readonly int ops = plan.OperationsPerSample;
        private readonly double tickMs = 1000.0 / plan.Time.TimestampFrequency;

        public WarmupTracker Tracker { get; } = new(plan);

        public double FirstBaseline { get; private set; }

        public double FirstCandidate { get; private set; }

        public async Task WarmUpAsync()
        {
            FirstBaseline = await Time(baseline, 1).ConfigureAwait(false);
            FirstCandidate = await Time(candidate, 1).ConfigureAwait(false);
            do
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Time(baseline, ops).ConfigureAwait(false);
                await Time(candidate, ops).ConfigureAwait(false);
            }
            while (!Tracker.CallFinished());
        }

        public async Task<(double Baseline, double Candidate)> NextAsync(Random random)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (random.Next(2) == 0)
            {
                var a = await Time(baseline, ops).ConfigureAwait(false) / ops;
                return (a, await Time(candidate, ops).ConfigureAwait(false) / ops);
            }

            var b = await Time(candidate, ops).ConfigureAwait(false) / ops;
            return (await Time(baseline, ops).ConfigureAwait(false) / ops, b);
        }

        private async Task<double> Time(Func<Task> op, int count)
        {
            var start = plan.Time.GetTimestamp();
            for (var k = 0; k < count; k++)
            {
                await op().ConfigureAwait(false);
            }

            return (plan.Time.GetTimestamp() - start) * tickMs;
        }
    }
}
