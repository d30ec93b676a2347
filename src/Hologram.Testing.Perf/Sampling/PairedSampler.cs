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

    /// <summary>
    /// Warms both up, then samples pairs sequentially (<see cref="SequentialPaired"/>) until the regression verdict is
    /// decided or <paramref name="budget"/> (counted from the start, warm-up included) would be exceeded by the next look.
    /// </summary>
    public static PerfComparison RunSequential(
        string name, Action baseline, Action candidate, SamplingPlan plan, int seed, TimeSpan budget, double level, double thresholdPct, string profile)
    {
        var time = plan.Time;
        var started = time.GetTimestamp();
        var pairs = new Pairs(baseline, candidate, plan);
        pairs.WarmUp();
        var random = new Random(seed);
        var sampling = time.GetTimestamp();
        var countSoFar = 0;
        var outcome = SequentialPaired.Run(plan.Samples, level, thresholdPct, seed, Take, CanAfford);
        var a = Raw([.. outcome.Baseline], pairs.FirstBaseline, pairs.Tracker, plan);
        var b = Raw([.. outcome.Candidate], pairs.FirstCandidate, pairs.Tracker, plan);
        var ra = Result(name, a, level, profile);
        var rb = Result(name, b, level, profile);
        return new PerfComparison(name, ra, rb, rb.P95 / ra.P95, outcome.Lower, outcome.Upper, rb.P50 / ra.P50, thresholdPct)
        {
            Looks = outcome.Looks,
        };

        void Take(List<double> x, List<double> y, int count)
        {
            countSoFar = count;
            while (x.Count < count)
            {
                var (first, second) = pairs.Next(random);
                x.Add(first);
                y.Add(second);
            }
        }

        // The next look fits when the time so far plus its pairs (at the pace so far, and the look's bootstrap at the
        // cost of the last one, which grows with n) stays within the budget.
        bool CanAfford(int count)
        {
            var now = time.GetTimestamp();
            var spent = time.GetElapsedTime(started, now);
            var perPair = time.GetElapsedTime(sampling, now) / Math.Max(1, countSoFar);
            var fits = spent + (perPair * (count - countSoFar)) <= budget;
            countSoFar = count;
            return fits;
        }
    }

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

    public static async Task<(RawMeasurement Baseline, RawMeasurement Candidate)> RunAsync(Func<Task> baseline, Func<Task> candidate, SamplingPlan plan, int seed, CancellationToken cancellationToken)
    {
        var time = plan.Time;
        var ops = plan.OperationsPerSample;
        var tickMs = 1000.0 / time.TimestampFrequency;
        var tracker = new WarmupTracker(plan);
        var firstA = await Time(baseline, 1).ConfigureAwait(false);
        var firstB = await Time(candidate, 1).ConfigureAwait(false);
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Time(baseline, ops).ConfigureAwait(false);
            await Time(candidate, ops).ConfigureAwait(false);
        }
        while (!tracker.CallFinished());

        var random = new Random(seed);
        var a = new double[plan.Samples];
        var b = new double[plan.Samples];
        for (var i = 0; i < a.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (random.Next(2) == 0)
            {
                a[i] = await Time(baseline, ops).ConfigureAwait(false) / ops;
                b[i] = await Time(candidate, ops).ConfigureAwait(false) / ops;
            }
            else
            {
                b[i] = await Time(candidate, ops).ConfigureAwait(false) / ops;
                a[i] = await Time(baseline, ops).ConfigureAwait(false) / ops;
            }
        }

        return (Raw(a, firstA, tracker, plan), Raw(b, firstB, tracker, plan));

        async Task<double> Time(Func<Task> op, int count)
        {
            var start = time.GetTimestamp();
            for (var k = 0; k < count; k++)
            {
                await op().ConfigureAwait(false);
            }

            return (time.GetTimestamp() - start) * tickMs;
        }
    }

    public static PerfComparison Evaluate(string name, RawMeasurement baseline, RawMeasurement candidate, double level, double thresholdPct, string profile)
    {
        var a = Result(name, baseline, level, profile);
        var b = Result(name, candidate, level, profile);
        var (lower, upper) = Bootstrap.RatioInterval(a.Samples, b.Samples, 0.95, level, paired: true, Resamples, RegressionGate.StableSeed(name));
        return new PerfComparison(name, a, b, b.P95 / a.P95, lower, upper, b.P50 / a.P50, thresholdPct);
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
}
