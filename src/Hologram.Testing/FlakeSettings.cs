namespace Hologram.Testing;

/// <summary>Flake detection and quarantine policy settings (<c>Flake:*</c> keys).</summary>
public sealed class FlakeSettings
{
    /// <summary>Days of history considered when counting flakes (default 7).</summary>
    public int WindowDays { get; init; } = 7;

    /// <summary>Flakes within the window after which a test is quarantined (default 2).</summary>
    public int QuarantineAfter { get; init; } = 2;

    /// <summary>Consecutive passes after which a quarantined test is released (default 10).</summary>
    public int ReleaseAfter { get; init; } = 10;
}
