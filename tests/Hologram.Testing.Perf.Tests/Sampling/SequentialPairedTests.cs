using Hologram.Testing.Perf.Sampling;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Hologram.Testing.Perf.Tests.Sampling;

public sealed class SequentialPairedTests(ITestOutputHelper output)
{
    [Fact]
    public void Error_spending_gives_the_early_looks_almost_nothing_and_the_last_look_the_rest()
    {
        Assert.Equal(0, ErrorSpending.Spent(0.99, 0));
        Assert.Equal(0.01, ErrorSpending.Spent(0.99, 1), 12);
        Assert.InRange(ErrorSpending.Spent(0.99, 0.25), 2.0e-7, 3.2e-7); // 2(1 − Φ(2.576 / 0.5))
        Assert.InRange(ErrorSpending.Spent(0.99, 0.5), 2.4e-4, 3.0e-4); // 2(1 − Φ(2.576 / 0.707))
        var grid = Enumerable.Range(0, 101).Select(i => ErrorSpending.Spent(0.99, i / 100.0)).ToArray();
        Assert.True(grid.Zip(grid.Skip(1)).All(p => p.First <= p.Second), "α(t) must not decrease");
        Assert.Equal(2.5758, Hologram.Testing.Perf.Statistics.Normal.Quantile(0.995), 3);
        Assert.Equal(0, Hologram.Testing.Perf.Statistics.Normal.Quantile(0.5), 6);
    }

    [Fact]
    public void Looks_double_until_the_budget_allows_no_more_and_spend_at_most_the_error()
    {
        var clock = new FakeTimeProvider();
        var looks = new SequentialLooks(0.99, clock, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        var sizes = new List<int>();
        var levels = new List<double>();
        var taken = 0;
        var started = clock.GetTimestamp();

        // 0.1 ms per sample: 90% of the 1 s budget holds about 9,000 samples.
        Run(looks, 200, n => Take(clock, ref taken, n, 0.1), level =>
        {
            sizes.Add(taken);
            levels.Add(level);
            return false;
        });

        Assert.Equal([200, 400, 800, 1600, 3200, 6400], sizes.Take(6));
        Assert.InRange(sizes[^1], 8_000, 10_000);
        Assert.Equal(sizes.Count, looks.Looks);
        Assert.False(looks.Decided);
        Assert.True(clock.GetElapsedTime(started) <= TimeSpan.FromSeconds(1), $"{clock.GetElapsedTime(started)}");
        Assert.InRange(levels.Sum(l => 1 - l), 0.0099, 0.0100001);
        Assert.InRange(levels[^1], 0.99, 0.995);
        Assert.True(levels[0] > 0.9999999, "the first look gets almost none of the error");
    }

    [Fact]
    public void A_deciding_look_stops_and_a_first_look_over_the_budget_is_the_last()
    {
        var clock = new FakeTimeProvider();
        var taken = 0;
        var decided = new SequentialLooks(0.99, clock, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        Run(decided, 200, n => Take(clock, ref taken, n, 0.1), _ => taken >= 800);
        Assert.Equal(3, decided.Looks);
        Assert.True(decided.Decided);
        Assert.Equal(800, taken);

        // 200 samples of 10 ms take 2 s of a 1 s budget: that look spends the whole error and ends the sampling.
        taken = 0;
        var slow = new SequentialLooks(0.99, clock, TimeSpan.FromSeconds(1), TimeSpan.Zero);
        Run(slow, 200, n => Take(clock, ref taken, n, 10), _ => false);
        Assert.Equal(1, slow.Looks);
        Assert.Equal(0.99, slow.LastLevel, 12);
        Assert.Equal(200, taken);
    }

    /// <summary>
    /// The coverage test: over seeded replications with a known true p95 ratio (candidate = ratio × baseline in
    /// distribution, both calls of a pair hit by the same drift), run through the sequential looks on a fake clock
    /// (20 µs per pair, 0.25 s budget: up to about 11,000 pairs), the interval at the look where sampling stopped must
    /// cover the true ratio at the nominal 99% — at most 1% misses, within the replications' binomial spread — A/A
    /// comparisons must flag at most 1%, and a +20% slowdown must be flagged at least 95% of the time.
    /// </summary>
    [Theory]
    [InlineData("log-normal", 1.0, 600)]
    [InlineData("log-normal", 1.2, 300)]
    [InlineData("log-normal", 1.1, 100)]
    [InlineData("3% slow path", 1.0, 600)]
    [InlineData("3% slow path", 1.2, 300)]
    [InlineData("heavy tail", 1.0, 600)]
    [InlineData("heavy tail", 1.2, 300)]
    public async Task The_interval_where_sampling_stops_keeps_its_coverage(string shape, double ratio, int replications)
    {
        var random = new Random(42);
        int misses = 0, flagged = 0, passed = 0;
        long totalPairs = 0;
        var stoppedAt = new SortedDictionary<int, int>();
        for (var r = 0; r < replications; r++)
        {
            var clock = new FakeTimeProvider();
            var looks = new SequentialLooks(0.99, clock, TimeSpan.FromSeconds(0.25), TimeSpan.Zero);
            var outcome = await SequentialPaired.RunAsync(20, 10, looks, (a, b, n) =>
            {
                clock.Advance(TimeSpan.FromMicroseconds(20 * (n - a.Count)));
                while (a.Count < n)
                {
                    var drift = Math.Exp(0.1 * Normal(random));
                    a.Add(drift * Call(random, shape));
                    b.Add(ratio * drift * Call(random, shape));
                }

                return ValueTask.CompletedTask;
            });
            misses += outcome.Lower <= ratio && ratio <= outcome.Upper ? 0 : 1;
            flagged += outcome.Lower > 1.1 ? 1 : 0;
            passed += outcome.Upper <= 1.1 ? 1 : 0;
            totalPairs += outcome.Baseline.Count;
            stoppedAt[outcome.Looks] = stoppedAt.GetValueOrDefault(outcome.Looks) + 1;
        }

        var (low, high) = Wilson(replications - misses, replications);
        output.WriteLine(
            $"{shape}, true ratio {ratio:0.00}: coverage {1 - ((double)misses / replications):P1} (95% CI {low:P1}–{high:P1}; nominal 99%) over {replications} replications; "
            + $"flagged {(double)flagged / replications:P1}, passed {(double)passed / replications:P1}; mean pairs {(double)totalPairs / replications:0}; "
            + $"stopped at look: {string.Join(", ", stoppedAt.Select(p => $"{p.Key}×{p.Value}"))}");

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

    private static void Run(SequentialLooks looks, int first, Func<int, ValueTask> take, Func<double, bool> decide) =>
        looks.RunAsync(first, take, decide).AsTask().GetAwaiter().GetResult();

    private static ValueTask Take(FakeTimeProvider clock, ref int taken, int count, double msEach)
    {
        clock.Advance(TimeSpan.FromMilliseconds(msEach * (count - taken)));
        taken = count;
        return ValueTask.CompletedTask;
    }

    private static int Allowed(int replications) => (int)Math.Ceiling((0.01 * replications) + (3.1 * Math.Sqrt(0.01 * 0.99 * replications)));

    /// <summary>The Wilson 95% interval of a binomial proportion.</summary>
    private static (double Low, double High) Wilson(int successes, int n)
    {
        const double z = 1.96;
        var p = (double)successes / n;
        var center = (p + (z * z / (2 * n))) / (1 + (z * z / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4.0 * n * n))) / (1 + (z * z / n));
        return (center - half, center + half);
    }

    /// <summary>One call's time: log-normal; with a 3% slow path three times as long; or a Pareto(3) tail.</summary>
    private static double Call(Random random, string shape) => shape switch
    {
        "3% slow path" => 0.01 * Math.Exp(0.1 * Normal(random)) * (random.NextDouble() < 0.03 ? 3 : 1),
        "heavy tail" => 0.01 * Math.Pow(1 - random.NextDouble(), -1.0 / 3),
        _ => 0.01 * Math.Exp(0.25 * Normal(random)),
    };

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
