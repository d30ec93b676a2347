namespace Hologram.Testing.Perf;

/// <summary>Names the budget of a <c>[Benchmark]</c> method run by <c>PerfBenchmark</c> (package Hologram.Testing.Perf.BenchmarkDotNet): <c>[PerfBudget("verify")]</c>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class PerfBudgetAttribute : Attribute
{
    /// <summary>Names the budget; its p95 comes from configuration (<c>Budgets:&lt;name&gt;:P95Ms</c>) unless <see cref="P95Ms"/> is set.</summary>
    /// <param name="name">The measurement and budget name.</param>
    public PerfBudgetAttribute(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The measurement and budget name.</summary>
    public string Name { get; }

    /// <summary>A fixed p95 budget in milliseconds instead of the configured one (0: use configuration).</summary>
    public double P95Ms { get; set; }

    /// <summary>An allocation budget in bytes per operation (-1: none).</summary>
    public long AllocatedBytes { get; set; } = -1;
}
