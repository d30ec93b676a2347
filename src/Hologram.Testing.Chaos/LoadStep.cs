namespace Hologram.Testing.Chaos;

/// <summary>The figures of one concurrency level of a <see cref="LoadRamp"/>.</summary>
/// <param name="Concurrency">Operations in flight at once.</param>
/// <param name="Requests">Operations completed.</param>
/// <param name="Errors">Operations that failed.</param>
/// <param name="Elapsed">How long the step ran.</param>
/// <param name="P50">Median latency (Harrell-Davis).</param>
/// <param name="P95">95th percentile latency (Harrell-Davis).</param>
/// <param name="P99">99th percentile latency (Harrell-Davis).</param>
public sealed record LoadStep(int Concurrency, int Requests, int Errors, TimeSpan Elapsed, TimeSpan P50, TimeSpan P95, TimeSpan P99)
{
    /// <summary>Completed operations per second.</summary>
    public double Throughput => Elapsed > TimeSpan.Zero ? Requests / Elapsed.TotalSeconds : 0;

    /// <summary>The share of failed operations, 0 to 1.</summary>
    public double ErrorRate => Requests == 0 ? 0 : (double)Errors / Requests;
}
