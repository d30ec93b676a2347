using Hologram.Testing.Perf.Sampling;
using Xunit.Abstractions;

namespace Hologram.Testing.Perf.Tests.Sampling;

public sealed class SequentialPairedTests(ITestOutputHelper output)
{
    [Fact]
    public void Looks_double_from_the_larger_of_the_minimum_and_two_hundred_and_split_the_error_between_them()
    {
        Assert.Equal([200, 400, 800, 1600, 3200], Enumerable.Range(0, SequentialPaired.Looks).Select(k => SequentialPaired.LookSize(20, k)));
        Assert.Equal(500, SequentialPaired.LookSize(500, 0));
        Assert.Equal(1 - (0.01 / 5), SequentialPaired.LookLevel(0.99), 12);
        Assert.Equal(2.5758, SequentialPaired.NormalQuantile(0.995), 3);
        Assert.Equal(0, SequentialPaired.NormalQuantile(0.5), 6);
    }

    [Fact]
    public void Sampling_stops_at_the_time_budget_between_looks()
    {
        var random = new Random(1);
        var outcome = SequentialPaired.Run(20, 0.99, 10, 1, (a, b, n) => Take(random, 1.1, a, b, n), canAfford: n => n <= 800);

        Assert.Equal(3, outcome.Looks);
        Assert.Equal(800, outcome.Baseline.Count);
    }

    /// <summary>
    /// The coverage test: over seeded replications with a known true p95 ratio (candidate = ratio × baseline in
    /// distribution, both hit by the same drift per pair, log-normal calls), the interval at the look where
    /// sampling stopped must cover the true ratio at the nominal 99% (at most 1% misses, within the replications'
    /// binomial spread), and A/A comparisons must flag at most 1%.
    /// </summary>
    [Theory]
    [InlineData(1.0, 200)]
    [InlineData(1.2, 100)]
    [InlineData(1.1, 40)]
    public void The_interval_where_sampling_stops_keeps_its_coverage(double ratio, int replications)
    {
        var random = new Random(42);
        int misses = 0, flagged = 0, passed = 0, totalPairs = 0;
        var looks = new int[SequentialPaired.Looks + 1];
        for (var r = 0; r < replications; r++)
        {
            var outcome = SequentialPaired.Run(20, 0.99, 10, r, (a, b, n) => Take(random, ratio, a, b, n), canAfford: _ => true);
            misses += outcome.Lower <= ratio && ratio <= outcome.Upper ? 0 : 1;
            flagged += outcome.Lower > 1.1 ? 1 : 0;
            passed += outcome.Upper <= 1.1 ? 1 : 0;
            totalPairs += outcome.Baseline.Count;
            looks[outcome.Looks]++;
        }

        var coverage = 1 - ((double)misses / replications);
        output.WriteLine(
            $"true ratio {ratio:0.00}: coverage {coverage:P1} (nominal 99%) over {replications} replications; flagged {(double)flagged / replications:P1}, "
            + $"passed {(double)passed / replications:P1}; mean pairs {(double)totalPairs / replications:0}; stopped at look 1..5: {string.Join(' ', looks.Skip(1))}");
        // At most 1% misses expected; the allowance is the binomial 99.9% quantile for the replication count.
        Assert.True(misses <= Allowed(replications), $"{misses} misses of {replications}");
        if (ratio == 1.0)
        {
            Assert.True(flagged <= Allowed(replications), $"A/A flagged {flagged} of {replications}");
        }

        if (ratio >= 1.2)
        {
            Assert.True(flagged >= 0.95 * replications, $"power {(double)flagged / replications:P1}");
        }
    }

    private static int Allowed(int replications) => (int)Math.Ceiling((0.01 * replications) + (3.1 * Math.Sqrt(0.01 * 0.99 * replications)));

    private static void Take(Random random, double ratio, List<double> a, List<double> b, int count)
    {
        while (a.Count < count)
        {
            var drift = Math.Exp(0.1 * Normal(random));
            a.Add(drift * Call(random));
            b.Add(ratio * drift * Call(random));
        }
    }

    private static double Call(Random random) => 0.01 * Math.Exp(0.25 * Normal(random));

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

public sealed class SequentialCompareTests
{
    [Theory]
    [InlineData(1.0, PerfVerdict.Pass)]
    [InlineData(1.5, PerfVerdict.Fail)]
    public void Compare_with_a_time_budget_stops_at_the_first_deciding_look(double slowdown, PerfVerdict expected)
    {
        using var reports = new TempReports("pr");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var random = new Random(5);
        void Call(double factor) => clock.Advance(TimeSpan.FromTicks((long)(TimeSpan.TicksPerMillisecond * factor * (1 + (0.05 * random.NextDouble())))));
        var options = new PerfOptions
        {
            Configuration = reports.Options, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = clock, Record = false,
            TimeBudget = TimeSpan.FromMinutes(10),
        };

        var comparison = Perf.Compare("seq", () => Call(1), () => Call(slowdown), options);

        Assert.Equal(expected, comparison.Verdict);
        Assert.Equal(1, comparison.Looks);
        Assert.Equal(200, comparison.Baseline.Count);
    }

    [Fact]
    public void A_time_budget_too_short_for_a_second_look_ends_inconclusive_after_the_first()
    {
        using var reports = new TempReports("pr");
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var random = new Random(5);
        void Call(double factor) => clock.Advance(TimeSpan.FromTicks((long)(TimeSpan.TicksPerMillisecond * factor * (1 + (0.3 * random.NextDouble())))));
        var options = new PerfOptions
        {
            Configuration = reports.Options, Warmup = 2, MinWarmupTime = TimeSpan.Zero, SettleJit = false, TimeProvider = clock, Record = false,
            TimeBudget = TimeSpan.FromSeconds(0.5),
        };

        // At the threshold (+10%) no look can decide; 200 pairs of ~2.3 ms already exceed the budget.
        var comparison = Perf.Compare("seq", () => Call(1), () => Call(1.1), options);

        Assert.Equal(PerfVerdict.Inconclusive, comparison.Verdict);
        Assert.Equal(1, comparison.Looks);
    }
}
