namespace Hologram.Testing.Perf;

/// <summary>
/// Finds sustained shifts in a series of measurements (e.g. the p95 of one measurement, run after run) with E-divisive
/// means: hierarchical splits at the point that maximises the energy distance between the two sides, each accepted only
/// when a permutation test finds it significant. Distribution-free (no normality, no known variance), it finds shifts
/// in level and in spread, and the whole history takes part, so it suits noisy CI data where one run against one
/// baseline flaps. Works on the logarithm of the values (a 10% shift weighs the same at 10 µs and at 10 ms). Single
/// outliers are ignored: each side of a split needs <see cref="ChangePointOptions.MinSegment"/> points, and a shift is
/// reported only when the segments' medians differ by <see cref="ChangePointOptions.MinChangePct"/>.
/// </summary>
public static class ChangePointDetector
{
    /// <summary>The change points of <paramref name="values"/>, in order.</summary>
    /// <param name="values">The series, oldest first (positive values, e.g. p95 in ms).</param>
    /// <param name="options">Settings; <see langword="null"/> uses the defaults.</param>
    /// <returns>Each sustained shift, by the index of its first point.</returns>
    public static IReadOnlyList<ChangePoint> Detect(IReadOnlyList<double> values, ChangePointOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        options ??= new ChangePointOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MinSegment, 2, nameof(ChangePointOptions.MinSegment));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Permutations, 1, nameof(ChangePointOptions.Permutations));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxPoints, 2 * options.MinSegment, nameof(ChangePointOptions.MaxPoints));
        if (options.Significance is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Significance, "ChangePointOptions.Significance must be in (0, 1).");
        }

        var offset = Math.Max(0, values.Count - options.MaxPoints);
        var n = values.Count - offset;
        if (n < 2 * options.MinSegment)
        {
            return [];
        }

        var raw = new double[n];
        var x = new double[n];
        var positive = true;
        for (var i = 0; i < n; i++)
        {
            raw[i] = values[offset + i];
            if (!double.IsFinite(raw[i]))
            {
                throw new ArgumentException($"value {i + offset} is {raw[i]}; change points need finite values", nameof(values));
            }

            positive &= raw[i] > 0;
        }

        for (var i = 0; i < n; i++)
        {
            x[i] = positive ? Math.Log(raw[i]) : raw[i];
        }

        var energy = new Energy(n, options.MinSegment);
        var random = new Random(options.Seed);
        var bounds = new List<int> { 0, n };
        var pValues = new Dictionary<int, double>();
        var shuffled = new double[n];
        var limit = (int)Math.Floor(options.Significance * (options.Permutations + 1));
        while (true)
        {
            var (q, tau) = energy.Best(x, bounds);
            if (tau < 0)
            {
                break;
            }

            // Permuting within the current segments keeps the shifts already found; a split as strong as the observed
            // one in more than `limit` of them is not significant, so the test stops as soon as that is known.
            var asStrong = 0;
            for (var r = 0; r < options.Permutations && asStrong <= limit; r++)
            {
                Array.Copy(x, shuffled, n);
                for (var s = 0; s + 1 < bounds.Count; s++)
                {
                    for (var i = bounds[s + 1] - 1; i > bounds[s]; i--)
                    {
                        var j = bounds[s] + random.Next(i - bounds[s] + 1);
                        (shuffled[i], shuffled[j]) = (shuffled[j], shuffled[i]);
                    }
                }

                if (energy.Best(shuffled, bounds).Q >= q)
                {
                    asStrong++;
                }
            }

            var p = (asStrong + 1.0) / (options.Permutations + 1.0);
            if (p > options.Significance)
            {
                break;
            }

            pValues[tau] = p;
            bounds.Insert(~bounds.BinarySearch(tau), tau);
        }

        // Shifts too small to act on are dropped one at a time, smallest first, and their neighbours' medians recomputed.
        var cuts = bounds.Skip(1).Take(bounds.Count - 2).ToList();
        while (true)
        {
            var smallest = -1;
            var smallestChange = double.PositiveInfinity;
            for (var c = 0; c < cuts.Count; c++)
            {
                var change = Math.Abs(Change(raw, cuts, c));
                if (change < options.MinChangePct && change < smallestChange)
                {
                    smallest = c;
                    smallestChange = change;
                }
            }

            if (smallest < 0)
            {
                break;
            }

            cuts.RemoveAt(smallest);
        }

        var found = new List<ChangePoint>(cuts.Count);
        for (var c = 0; c < cuts.Count; c++)
        {
            var (before, after) = Medians(raw, cuts, c);
            found.Add(new ChangePoint(cuts[c] + offset, before, after, pValues[cuts[c]]));
        }

        return found;
    }

    private static double Change(double[] raw, List<int> cuts, int c)
    {
        var (before, after) = Medians(raw, cuts, c);
        return before > 0 ? (after / before - 1) * 100 : after == before ? 0 : double.PositiveInfinity;
    }

    private static (double Before, double After) Medians(double[] raw, List<int> cuts, int c)
    {
        var start = c == 0 ? 0 : cuts[c - 1];
        var end = c + 1 < cuts.Count ? cuts[c + 1] : raw.Length;
        return (Median(raw.AsSpan(start, cuts[c] - start)), Median(raw.AsSpan(cuts[c], end - cuts[c])));
    }

    private static double Median(ReadOnlySpan<double> values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The energy statistic of every admissible split, from prefix sums of the pairwise distances.</summary>
    private sealed class Energy(int n, int minSegment)
    {
        private readonly double[] prefix = new double[(n + 1) * (n + 1)];

        /// <summary>The strongest split of any segment between <paramref name="bounds"/>: its statistic and index, or index -1.</summary>
        public (double Q, int Tau) Best(double[] x, List<int> bounds)
        {
            Fill(x);
            var best = (Q: double.NegativeInfinity, Tau: -1);
            for (var s = 0; s + 1 < bounds.Count; s++)
            {
                var start = bounds[s];
                var end = bounds[s + 1];
                for (var tau = start + minSegment; tau <= end - minSegment; tau++)
                {
                    var q = Statistic(start, tau, end);
                    if (q > best.Q)
                    {
                        best = (q, tau);
                    }
                }
            }

            return best;
        }

        private void Fill(double[] x)
        {
            var w = n + 1;
            for (var i = 0; i < n; i++)
            {
                var row = 0.0;
                for (var j = 0; j < n; j++)
                {
                    row += Math.Abs(x[i] - x[j]);
                    prefix[((i + 1) * w) + j + 1] = prefix[(i * w) + j + 1] + row;
                }
            }
        }

        private double Block(int r0, int r1, int c0, int c1)
        {
            var w = n + 1;
            return prefix[(r1 * w) + c1] - prefix[(r0 * w) + c1] - prefix[(r1 * w) + c0] + prefix[(r0 * w) + c0];
        }

        private double Statistic(int start, int tau, int end)
        {
            double a = tau - start;
            double b = end - tau;
            var between = 2 * Block(start, tau, tau, end) / (a * b);
            var withinA = Block(start, tau, start, tau) / (a * (a - 1));
            var withinB = Block(tau, end, tau, end) / (b * (b - 1));
            return a * b / (a + b) * (between - withinA - withinB);
        }
    }
}
