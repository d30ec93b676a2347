namespace Hologram.Testing.Chaos;

/// <summary>The phases of a <see cref="ChaosExperiment"/>, in order.</summary>
public enum ExperimentPhase
{
    /// <summary>Before the fault: the baseline.</summary>
    SteadyState,

    /// <summary>While the fault is in force.</summary>
    Fault,

    /// <summary>From the start of the restore until the steady state holds again.</summary>
    Recovery,

    /// <summary>After recovery.</summary>
    AfterRecovery,
}
