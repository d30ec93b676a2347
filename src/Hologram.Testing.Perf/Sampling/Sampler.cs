namespace Hologram.Testing.Perf.Sampling;

/// <summary>Runs warm-up and per-call timing. No forced GC anywhere: collections are part of what is measured.</summary>
internal static class Sampler
{
    public static RawMeasurement Run(Action op, SamplingPlan plan, Func<long>? compiledMethods = null)
    {
        var time = plan.Time;
        var ops = plan.OperationsPerSample;
        var tickMs = 1000.0 / time.TimestampFrequency;

        var tracker = new WarmupTracker(plan, compiledMethods);
        var firstStart = time.GetTimestamp();
        op();
        var firstCallMs = (time.GetTimestamp() - firstStart) * tickMs;
        while (!tracker.CallFinished())
        {
            for (var k = 0; k < ops; k++)
            {
                op();
            }
        }

        var samples = new double[plan.Samples];
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < samples.Length; i++)
        {
            var start = time.GetTimestamp();
            for (var k = 0; k < ops; k++)
            {
                op();
            }

            samples[i] = (time.GetTimestamp() - start) * tickMs / ops;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new RawMeasurement(
            samples,
            firstCallMs,
            tracker.Calls,
            tracker.Elapsed,
            plan.SettleJit ? tracker.JitSettled : null,
            allocated,
            (long)samples.Length * ops,
            GC.CollectionCount(0) - gc0,
            GC.CollectionCount(1) - gc1,
            GC.CollectionCount(2) - gc2);
    }

    public static async Task<RawMeasurement> RunAsync(Func<Task> op, SamplingPlan plan, CancellationToken cancellationToken, Func<long>? compiledMethods = null)
    {
        var time = plan.Time;
        var ops = plan.OperationsPerSample;
        var tickMs = 1000.0 / time.TimestampFrequency;

        var tracker = new WarmupTracker(plan, compiledMethods);
        var firstStart = time.GetTimestamp();
        await op().ConfigureAwait(false);
        var firstCallMs = (time.GetTimestamp() - firstStart) * tickMs;
        while (!tracker.CallFinished())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var k = 0; k < ops; k++)
            {
                await op().ConfigureAwait(false);
            }
        }

        var samples = new double[plan.Samples];
        var next = -1;
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);

        // Continuations may run on any thread, so allocations are counted process-wide.
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        async Task Worker()
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < samples.Length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = time.GetTimestamp();
                for (var k = 0; k < ops; k++)
                {
                    await op().ConfigureAwait(false);
                }

                samples[index] = (time.GetTimestamp() - start) * tickMs / ops;
            }
        }

        var workers = new Task[Math.Max(1, plan.Concurrency)];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = Worker();
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return new RawMeasurement(
            samples,
            firstCallMs,
            tracker.Calls,
            tracker.Elapsed,
            plan.SettleJit ? tracker.JitSettled : null,
            allocated,
            (long)samples.Length * ops,
            GC.CollectionCount(0) - gc0,
            GC.CollectionCount(1) - gc1,
            GC.CollectionCount(2) - gc2);
    }

    /// <summary>Cold samples: each call right after <paramref name="reset"/>; the first reset-and-call pair only loads the code.</summary>
    public static RawMeasurement RunCold(Action op, Action reset, int samples, TimeProvider time)
    {
        var tickMs = 1000.0 / time.TimestampFrequency;
        reset();
        var firstStart = time.GetTimestamp();
        op();
        var firstCallMs = (time.GetTimestamp() - firstStart) * tickMs;

        var values = new double[samples];
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var gc0 = GC.CollectionCount(0);
        var gc1 = GC.CollectionCount(1);
        var gc2 = GC.CollectionCount(2);
        long resetBytes = 0;
        for (var i = 0; i < samples; i++)
        {
            var beforeReset = GC.GetAllocatedBytesForCurrentThread();
            reset();
            resetBytes += GC.GetAllocatedBytesForCurrentThread() - beforeReset;
            var start = time.GetTimestamp();
            op();
            values[i] = (time.GetTimestamp() - start) * tickMs;
        }

        allocated = GC.GetAllocatedBytesForCurrentThread() - allocated - resetBytes;
        return new RawMeasurement(
            values, firstCallMs, 1, TimeSpan.Zero, null, allocated, samples,
            GC.CollectionCount(0) - gc0, GC.CollectionCount(1) - gc1, GC.CollectionCount(2) - gc2);
    }
}
