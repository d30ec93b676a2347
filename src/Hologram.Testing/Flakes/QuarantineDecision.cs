using Hologram.Testing.History;

namespace Hologram.Testing.Flakes;

/// <summary>A change of quarantine state decided by <see cref="QuarantinePolicy"/>.</summary>
public sealed record QuarantineDecision
{
    /// <summary>The test.</summary>
    public required string TestId { get; init; }

    /// <summary>The new quarantine entry, when the test is to be quarantined; null when it is to be released.</summary>
    public QuarantineEntry? Quarantine { get; init; }

    /// <summary>Why the state changes (kept in the audit trail).</summary>
    public required string Reason { get; init; }

    /// <summary>True when the test is released.</summary>
    public bool IsRelease => Quarantine is null;
}
