namespace Hologram.Testing.History;

/// <summary>A test that is quarantined: it still runs, but its failure cannot break the build.</summary>
public sealed record QuarantineEntry
{
    /// <summary>The test.</summary>
    public required string TestId { get; init; }

    /// <summary>When the quarantine began.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Why, e.g. <c>2 flakes in 7 days</c> or the user's reason.</summary>
    public required string Reason { get; init; }

    /// <summary>Who: <c>policy</c> or a user name.</summary>
    public required string By { get; init; }

    /// <summary>True when a user quarantined it; the policy never releases a manual quarantine before <see cref="Until"/>.</summary>
    public bool Manual { get; init; }

    /// <summary>For a manual quarantine: the earliest time the policy may release it (null: never automatically).</summary>
    public DateTimeOffset? Until { get; init; }
}
