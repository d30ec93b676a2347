namespace Hologram.Testing.History;

/// <summary>One change of quarantine state: when, what, why and by whom.</summary>
public sealed record AuditEntry
{
    /// <summary>When it happened.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The test.</summary>
    public required string TestId { get; init; }

    /// <summary><c>quarantined</c> or <c>released</c>.</summary>
    public required string Action { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary><c>policy</c> or a user name.</summary>
    public required string By { get; init; }
}
