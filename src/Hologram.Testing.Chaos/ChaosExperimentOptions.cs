namespace Hologram.Testing.Chaos;

/// <summary>Durations, concurrency and thresholds of a <see cref="ChaosExperiment"/>.</summary>
public sealed class ChaosExperimentOptions
{
    /// <summary>How long the workload runs before the fault; 1 second by default.</summary>
    public TimeSpan SteadyStateDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the fault stays in force; 3 seconds by default.</summary>
    public TimeSpan FaultDuration { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How long the steady state may take to hold again after the restore began; 60 seconds by default.</summary>
    public TimeSpan RecoveryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the workload keeps running once recovered; 1 second by default.</summary>
    public TimeSpan AfterRecoveryDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many workload loops run at once; 4 by default.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>The pause between steady-state probes while recovering; 100 ms by default.</summary>
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How many times a read-back is tried before the write counts as lost; 3 by default.</summary>
    public int ReadBackAttempts { get; set; } = 3;

    /// <summary>The thresholds <see cref="ChaosExperimentReport.AssertThresholds"/> checks by default.</summary>
    public ChaosThresholds Thresholds { get; set; } = new();

    /// <summary>Where the JSON report goes; <c>&lt;ReportsDir&gt;/chaos</c> when null.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>Whether <c>&lt;name&gt;.json</c> is written; true by default.</summary>
    public bool WriteReport { get; set; } = true;

    /// <summary>The clock for phases and measurements; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
