using BenchmarkDotNet.Attributes;

namespace Hologram.Testing.Perf.Bench;

/// <summary>The ~10 µs operation as a BenchmarkDotNet benchmark (default job, out of process).</summary>
#pragma warning disable CA1822 // BenchmarkDotNet needs instance methods.
public class OpBenchmark
{
    /// <summary>Loop iterations, set from the calibration through the environment (the benchmark runs in a child process).</summary>
    public static int Iterations => int.Parse(Environment.GetEnvironmentVariable("HOLOGRAM_BENCH_ITERATIONS") ?? "10000", System.Globalization.CultureInfo.InvariantCulture);

    private int _iterations;

    /// <summary>Reads the iteration count.</summary>
    [GlobalSetup]
    public void Setup() => _iterations = Iterations;

    /// <summary>The operation.</summary>
    [Benchmark]
    public void Op() => Work.Run(_iterations);
}
#pragma warning restore CA1822
