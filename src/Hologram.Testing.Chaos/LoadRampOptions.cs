namespace Hologram.Testing.Chaos;

/// <summary>Settings of a <see cref="LoadRamp"/>.</summary>
public sealed class LoadRampOptions
{
    /// <summary>A name for the report file; <c>load-ramp</c> by default.</summary>
    public string Name { get; set; } = "load-ramp";

    /// <summary>The concurrency levels, in order; 1, 2, 4, … 64 by default.</summary>
    public IList<int> Levels { get; } = [1, 2, 4, 8, 16, 32, 64];

    /// <summary>The most operations a step runs; 200 by default.</summary>
    public int MaxRequestsPerStep { get; set; } = 200;

    /// <summary>The longest a step runs (operations in flight are let finish); 10 seconds by default.</summary>
    public TimeSpan MaxStepDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How a step is judged past the knee.</summary>
    public KneeCriteria Knee { get; set; } = new();

    /// <summary>Where the JSON report goes; <c>&lt;ReportsDir&gt;/chaos</c> when null. Set <see cref="WriteReport"/> to false for none.</summary>
    public string? ReportDirectory { get; set; }

    /// <summary>Whether <c>&lt;name&gt;.json</c> is written; true by default.</summary>
    public bool WriteReport { get; set; } = true;

    /// <summary>The clock for timing; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
