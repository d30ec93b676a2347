namespace Hologram.Testing.Chaos.Internal;

/// <summary>One toxic added to a proxy: identity for per-connection state (toxics are records, equal by value).</summary>
internal sealed class ActiveToxic(Toxic toxic)
{
    public Toxic Toxic { get; } = toxic;
}
