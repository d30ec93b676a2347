namespace Hologram.Testing.Chaos.Internal;

/// <summary>What one toxic means for one connection: whether it affects it (rolled once), and its counters per direction.</summary>
internal sealed class ToxicState(bool affects, long appliedAt)
{
    /// <summary>Whether the connection drew the toxic (see <see cref="Toxic.Toxicity"/>).</summary>
    public bool Affects { get; } = affects;

    /// <summary>The timestamp at which the toxic began to apply to the connection.</summary>
    public long AppliedAt { get; } = appliedAt;

    /// <summary>Bytes passed per direction since the toxic applied (index 0 downstream, 1 upstream).</summary>
    public long[] Bytes { get; } = new long[2];

    /// <summary>The earliest timestamp at which the next bytes may be sent, per direction (bandwidth).</summary>
    public long[] NextSend { get; } = new long[2];
}
