using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Hologram.Testing.Perf.Bench;

/// <summary>A CPU-bound operation of a calibrated length: a xorshift loop whose result is kept.</summary>
internal static class Work
{
    private static ulong s_sink;

    /// <summary>Iterations of the loop that take about <paramref name="microseconds"/> on this machine (median of 201 timed calls).</summary>
    public static int Calibrate(double microseconds)
    {
        var iterations = 1000;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 2000; i++)
            {
                Run(iterations);
            }

            var times = new double[201];
            for (var i = 0; i < times.Length; i++)
            {
                var start = Stopwatch.GetTimestamp();
                Run(iterations);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            Array.Sort(times);
            iterations = Math.Max(1, (int)(iterations * microseconds / times[100]));
        }

        return iterations;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Run(int iterations)
    {
        var x = 88172645463325252UL ^ (ulong)iterations;
        for (var i = 0; i < iterations; i++)
        {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }

        s_sink = x;
    }

    public static ulong Sink => s_sink;
}
