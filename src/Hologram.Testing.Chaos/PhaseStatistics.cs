namespace Hologram.Testing.Chaos;

/// <summary>The workload operations of one phase.</summary>
/// <param name="Phase">The phase.</param>
/// <param name="Operations">Operations that ended in it.</param>
/// <param name="Failures">Those that threw.</param>
public sealed record PhaseStatistics(ExperimentPhase Phase, int Operations, int Failures)
{
    /// <summary>The share of operations that succeeded; 1 when there were none.</summary>
    public double SuccessRate => Operations == 0 ? 1 : (double)(Operations - Failures) / Operations;
}
