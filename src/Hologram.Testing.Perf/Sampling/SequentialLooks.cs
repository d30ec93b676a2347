namespace Hologram.Testing.Perf.Sampling;

/// <summary>
/// Drives sequential sampling within a time budget: takes samples (or pairs) in looks of doubling size, plans after
/// every look, from the pace so far, the largest sample the rest of the budget allows (N), and gives each look the part
/// of the error that <see cref="ErrorSpending"/> allows at the information fraction n / N minus what earlier looks
/// spent; a look whose next doubling would not fit becomes the last one and spends the rest. By the union bound the
/// intervals of all looks cover at once with probability at least <c>level</c>, whichever look sampling stops at.
/// </summary>
/// <param name="level">The overall two-sided confidence level.</param>
/// <param name="time">The clock.</param>
/// <param name="budget">The whole time budget.</param>
/// <param name="spentBefore">Time already used (warm-up, a first measurement) out of <paramref name="budget"/>.</param>
internal sealed class SequentialLooks(double level, TimeProvider time, TimeSpan budget, TimeSpan spentBefore)
{
    /// <summary>The share of the remaining budget planned with, leaving room for a pace that slows down.</summary>
    private const double Headroom = 0.9;

    /// <summary>The smallest growth that makes another look worth its share of the error.</summary>
    private const double MinGrowth = 1.25;

    private double _spent;

    /// <summary>How many looks were made.</summary>
    public int Looks { get; private set; }

    /// <summary>The two-sided level of the last look's interval (at least the overall level).</summary>
    public double LastLevel { get; private set; }

    /// <summary>Whether the last look decided.</summary>
    public bool Decided { get; private set; }

    /// <summary>The error spent over all looks (at most 1 − level).</summary>
    public double Spent => _spent;

    /// <summary>
    /// Runs the looks. <paramref name="take"/> brings the sample to a count; <paramref name="decide"/> computes the
    /// interval at a look's level and says whether it decides. <paramref name="taken"/> samples may already exist (taken
    /// in <paramref name="takenTime"/>); <paramref name="unitCost"/> is the expected time of one sample before any was taken.
    /// </summary>
    public async ValueTask RunAsync(int first, Func<int, ValueTask> take, Func<double, bool> decide, int taken = 0, TimeSpan takenTime = default, TimeSpan unitCost = default)
    {
        var started = time.GetTimestamp();
        var sampling = takenTime;
        var cost = taken > 0 ? takenTime.TotalSeconds / taken : unitCost.TotalSeconds;
        var analysis = 0.0;
        var n = Math.Max(first, taken);
        var last = false;
        while (true)
        {
            if (n > taken)
            {
                var before = time.GetTimestamp();
                await take(n).ConfigureAwait(false);
                sampling += time.GetElapsedTime(before);
                taken = n;
                cost = sampling.TotalSeconds / taken;
            }

            var capacity = Capacity(started, taken, cost, analysis);
            last |= capacity < taken * MinGrowth;
            var fraction = last ? 1 : (double)taken / capacity;
            var share = Math.Max(0, ErrorSpending.Spent(level, fraction) - _spent);
            _spent += share;
            LastLevel = 1 - Math.Max(share, 1e-15);
            Looks++;
            var analysed = time.GetTimestamp();
            if (decide(LastLevel))
            {
                Decided = true;
                return;
            }

            analysis = time.GetElapsedTime(analysed).TotalSeconds / taken;
            if (last)
            {
                return;
            }

            capacity = Capacity(started, taken, cost, analysis);
            if (capacity < taken * MinGrowth)
            {
                return;
            }

            n = (int)Math.Min(2L * taken, capacity);
            last = n >= capacity;
        }
    }

    /// <summary>
    /// The largest total count N that fits in the rest of the budget: (N − taken) more samples at <paramref name="cost"/>
    /// each, plus the analysis of the looks up to N (at most 2N × <paramref name="analysis"/> for doubling looks).
    /// </summary>
    private long Capacity(long started, int taken, double cost, double analysis)
    {
        var remaining = (budget - spentBefore - time.GetElapsedTime(started)).TotalSeconds * Headroom;
        if (remaining <= 0)
        {
            return taken;
        }

        var perUnit = Math.Max(cost + (2 * analysis), 1e-9);
        return (long)Math.Min(int.MaxValue / 4, Math.Max(taken, (remaining + (taken * cost)) / perUnit));
    }
}
