namespace Hologram.Testing.Flakes;

/// <summary>The <see cref="History.AuditEntry.Action"/> values.</summary>
public static class AuditActions
{
    /// <summary>A test was quarantined.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>A test was released from quarantine.</summary>
    public const string Released = "released";
}
