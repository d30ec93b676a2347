namespace Hologram.Testing.Cli.Reporting;

/// <summary>The chaos experiments and load ramps under <c>reports/chaos</c>.</summary>
internal sealed record ChaosSection
{
    /// <summary>Why there is nothing to show and how to produce it, or null.</summary>
    public string? Missing { get; init; }

    public IReadOnlyList<ChaosExperimentRow> Experiments { get; init; } = [];

    public IReadOnlyList<LoadRampRow> Ramps { get; init; } = [];

    /// <summary>Files that could not be read, with the reason.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}

/// <summary>One <c>chaos_experiment</c> report.</summary>
internal sealed record ChaosExperimentRow
{
    public required string Name { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public double DurationMs { get; init; }

    public long Operations { get; init; }

    public long Failures { get; init; }

    public double SuccessRate { get; init; }

    public IReadOnlyList<(string Phase, long Operations, long Failures, double SuccessRate)> Phases { get; init; } = [];

    public bool Recovered { get; init; }

    public double RecoveryMs { get; init; }

    public long AcknowledgedWrites { get; init; }

    public int LostWrites { get; init; }

    public int CorruptedWrites { get; init; }

    public double? MinSuccessRate { get; init; }

    public double? MaxRecoveryMs { get; init; }

    public IReadOnlyList<string> Violations { get; init; } = [];

    public bool Passed { get; init; }
}

/// <summary>One <c>load_ramp</c> report: throughput and latency per concurrency level, and the knee.</summary>
internal sealed record LoadRampRow
{
    public required string Name { get; init; }

    public IReadOnlyList<(int Concurrency, long Requests, double ErrorRate, double Throughput, double P95Ms)> Steps { get; init; } = [];

    public int? KneeConcurrency { get; init; }

    public string? KneeReason { get; init; }
}
