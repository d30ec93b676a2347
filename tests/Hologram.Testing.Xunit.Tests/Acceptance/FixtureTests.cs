using Hologram.Testing.Xunit.Sdk;

namespace Hologram.Testing.Xunit.Tests.Acceptance;

[CollectionDefinition(Name)]
public sealed class HologramAcceptanceCollection : ICollectionFixture<HologramAcceptanceCollection.Counter>
{
    public const string Name = "Hologram acceptance: collection fixture";

    public sealed class Counter
    {
        private static int s_instances;
        private int _created;

        public Counter() => Interlocked.Increment(ref s_instances);

        public static int Instances => Volatile.Read(ref s_instances);

        public int Next() => Interlocked.Increment(ref _created);
    }
}

public sealed class FixtureTests
{
    [Fact]
    public async Task Class_and_collection_fixtures_are_injected_once_and_skips_do_not_disturb_them()
    {
        ClassFixture.Instances = 0;
        var before = HologramAcceptanceCollection.Counter.Instances;

        var result = await InProcessRun.RunAsync(TestOptions.Profile("pr"), typeof(UsesFixtures));

        Assert.Equal(1, ClassFixture.Instances);
        Assert.Equal(before + 1, HologramAcceptanceCollection.Counter.Instances);
        Assert.Equal(2, result.Passed.Count);
        Assert.Equal(2, result.Skipped.Count);
        Assert.Empty(result.Failed);
        result.AssertTotalsConsistent();
    }

    [Fact]
    public async Task Parallel_collections_report_consistent_totals()
    {
        var result = await InProcessRun.RunAsync(TestOptions.Profile("pr"), typeof(ParallelA), typeof(ParallelB), typeof(ParallelC));

        Assert.Equal(3, result.Messages.OfType<global::Xunit.Abstractions.ITestCollectionFinished>().Count());
        Assert.Equal(6, result.Passed.Count);
        Assert.Equal(6, result.Skipped.Count);
        Assert.Equal(3, result.Failed.Count);
        result.AssertTotalsConsistent();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task At_most_max_parallel_threads_collections_run_at_once(int maxParallelThreads)
    {
        Overlap.Reset();
        var options = TestOptions.Profile("pr");
        var result = await InProcessRun.RunAsync(
            () => options,
            TimeProvider.System,
            new Dictionary<string, object?> { ["xunit.execution.MaxParallelThreads"] = maxParallelThreads },
            typeof(OverlapA), typeof(OverlapB), typeof(OverlapC), typeof(OverlapD), typeof(OverlapE));

        Assert.Equal(10, result.Passed.Count);
        Assert.NotNull(HologramTestAssemblyRunner.ParallelSemaphoreField);
        Assert.InRange(Overlap.Max, 1, maxParallelThreads);
    }

    public sealed class ClassFixture
    {
        public ClassFixture() => Instances++;

        public static int Instances { get; set; }
    }

    [Collection(HologramAcceptanceCollection.Name)]
    private sealed class UsesFixtures(ClassFixture fixture, HologramAcceptanceCollection.Counter counter) : IClassFixture<ClassFixture>
    {
        [Fact]
        public void UsesBoth()
        {
            Assert.NotNull(fixture);
            Assert.True(counter.Next() > 0);
        }

        [Fact]
        public void SkipsAtRunTime() => Skip.If(counter is not null, "fixture present, skipping");

        [Fact]
        [NoCi]
        public void NoCiUnderPr() => throw new InvalidOperationException("must not run under pr");

        [Fact]
        public void AlsoUsesBoth() => Assert.NotNull(fixture);
    }

    private abstract class ParallelBase
    {
        [Fact]
        public async Task Passes() => await Task.Delay(20);

        [Fact]
        public async Task AlsoPasses() => await Task.Delay(20);

        [Fact]
        public async Task SkipsDynamically()
        {
            await Task.Delay(10);
            Skip.Test("dynamic");
        }

        [Fact]
        [NoCi]
        public void SkippedByProfile()
        {
        }

        [Fact]
        public void Fails() => Assert.Fail("expected failure");
    }

    private sealed class ParallelA : ParallelBase;

    private sealed class ParallelB : ParallelBase;

    private sealed class ParallelC : ParallelBase;

    private static class Overlap
    {
        private static int s_active;
        private static int s_max;

        public static int Max => Volatile.Read(ref s_max);

        public static void Reset() => s_active = s_max = 0;

        public static async Task Enter()
        {
            var active = Interlocked.Increment(ref s_active);
            for (var max = Volatile.Read(ref s_max); active > max; max = Volatile.Read(ref s_max))
            {
                Interlocked.CompareExchange(ref s_max, active, max);
            }

            Thread.Sleep(60);
            await Task.Delay(20);
            Interlocked.Decrement(ref s_active);
        }
    }

    private abstract class OverlapBase
    {
        [Fact]
        public Task First() => Overlap.Enter();

        [Fact]
        public Task Second() => Overlap.Enter();
    }

    private sealed class OverlapA : OverlapBase;

    private sealed class OverlapB : OverlapBase;

    private sealed class OverlapC : OverlapBase;

    private sealed class OverlapD : OverlapBase;

    private sealed class OverlapE : OverlapBase;
}
