namespace Hologram.Testing.History;

/// <summary>Per-test figures over a time window, for flake reports and policy decisions.</summary>
public sealed record TestSummary
{
    /// <summary>The test.</summary>
    public required string TestId { get; init; }

    /// <summary>The latest display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>Runs in which the test had a final outcome.</summary>
    public required int Runs { get; init; }

    /// <summary>Runs whose final outcome was a failure.</summary>
    public required int Failures { get; init; }

    /// <summary>Flake events in the window.</summary>
    public required int Flakes { get; init; }

    /// <summary>When the latest flake was seen.</summary>
    public DateTimeOffset? LastFlake { get; init; }

    /// <summary>The most recent failure signature.</summary>
    public string? LastSignature { get; init; }

    /// <summary>The active quarantine, or null.</summary>
    public QuarantineEntry? Quarantine { get; init; }

    /// <summary>Flakes per run, 0..1.</summary>
    public double FlakeRate => Runs == 0 ? 0 : (double)Flakes / Runs;
}
