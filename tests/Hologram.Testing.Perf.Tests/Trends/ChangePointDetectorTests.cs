using Xunit.Abstractions;

namespace Hologram.Testing.Perf.Tests.Trends;

public sealed class ChangePointDetectorTests(ITestOutputHelper output)
{
    [Fact]
    public void A_clear_shift_is_found_at_its_first_point_with_the_levels_on_either_side()
    {
        var values = Enumerable.Range(0, 40).Select(i => (i < 25 ? 5.0 : 6.0) * (1 + ((i * 7 % 5) - 2) * 0.004)).ToArray();

        var found = Assert.Single(ChangePointDetector.Detect(values));

        Assert.Equal(25, found.Index);
        Assert.InRange(found.Before, 4.95, 5.05);
        Assert.InRange(found.After, 5.94, 6.06);
        Assert.InRange(found.ChangePct, 18, 22);
        Assert.True(found.PValue <= 0.01);
    }

    [Fact]
    public void Single_outliers_are_not_change_points()
    {
        var values = Enumerable.Range(0, 50).Select(i => 5.0 * (1 + ((i * 7 % 5) - 2) * 0.004)).ToArray();
        values[10] = 15;
        values[30] = 12;
        values[48] = 20;

        Assert.Empty(ChangePointDetector.Detect(values));
    }

    [Fact]
    public void A_short_series_has_no_change_points()
    {
        Assert.Empty(ChangePointDetector.Detect([1, 1, 1, 2, 2, 2, 2]));
    }

    [Fact]
    public void Two_shifts_are_both_found()
    {
        var random = new Random(7);
        var values = SyntheticHistory.Make(random, 90, 2, 0.03, 0, (30, 1.25), (60, 0.8));

        var found = ChangePointDetector.Detect(values);

        Assert.Equal(2, found.Count);
        Assert.InRange(found[0].Index, 29, 31);
        Assert.InRange(found[1].Index, 59, 61);
        Assert.True(found[0].ChangePct > 15);
        Assert.True(found[1].ChangePct < -15);
    }

    [Fact]
    public void The_same_series_and_seed_give_the_same_change_points()
    {
        var values = SyntheticHistory.Make(new Random(3), 60, 1, 0.05, 0.05, (30, 1.15));

        Assert.Equal(ChangePointDetector.Detect(values), ChangePointDetector.Detect(values));
    }

    [Theory]
    [InlineData(0.03, 1.10)]
    [InlineData(0.03, 1.20)]
    [InlineData(0.05, 1.20)]
    public void Synthetic_histories_with_known_shifts_and_noise_give_the_detection_and_false_positive_rates(double cv, double factor)
    {
        const int Histories = 200;
        const int Length = 60;
        var random = new Random(20);
        int detected = 0, falsePositives = 0, quietWithAny = 0, totalError = 0;
        for (var h = 0; h < Histories; h++)
        {
            // A shift at a random place at least 10 points from either end, 3% of points single outliers.
            var at = 10 + random.Next(Length - 20);
            var shifted = ChangePointDetector.Detect(SyntheticHistory.Make(random, Length, 4, cv, 0.03, (at, factor)));
            var hit = shifted.Where(c => Math.Abs(c.Index - at) <= 2).ToList();
            if (hit.Count > 0)
            {
                detected++;
                totalError += Math.Abs(hit[0].Index - at);
            }

            falsePositives += shifted.Count - Math.Min(hit.Count, 1);
            if (ChangePointDetector.Detect(SyntheticHistory.Make(random, Length, 4, cv, 0.03)).Count > 0)
            {
                quietWithAny++;
            }
        }

        var detection = (double)detected / Histories;
        var quietRate = (double)quietWithAny / Histories;
        output.WriteLine(
            $"noise cv {cv:P0}, shift {(factor - 1):+0%;-0%}, {Length} points, 3% outliers: detection {detection:P1} (within ±2 points, mean error {(detected == 0 ? 0 : (double)totalError / detected):F2}), " +
            $"extra change points in shifted histories {falsePositives} / {Histories}, histories without a shift with a change point {quietRate:P1}");
        Assert.True(quietRate <= 0.05, $"false positives {quietRate:P1}");
        if (factor - 1 >= 4 * cv)
        {
            Assert.True(detection >= 0.9, $"detection {detection:P1}");
        }
    }
}
