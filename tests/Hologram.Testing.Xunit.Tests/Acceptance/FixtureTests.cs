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
}
