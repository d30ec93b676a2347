namespace Hologram.Testing;

/// <summary>The latency budget of one named measurement (<c>Budgets:&lt;name&gt;:*</c> keys).</summary>
public sealed class BudgetSettings
{
    /// <summary>The p95 latency budget in milliseconds (<c>SLO_&lt;NAME&gt;_P95_MS</c>).</summary>
    public double P95Ms { get; init; }
}
