namespace Hologram.Testing.Chaos;

/// <summary>Resets the connection with a TCP RST after <see cref="After"/>: the client sees "connection reset by peer".</summary>
public sealed record ResetPeerToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.ResetPeer"/>.</summary>
    public ResetPeerToxic(TimeSpan after) => After = NonNegative(after, nameof(after));

    /// <summary>How long after the toxic applies to a connection it is reset; zero resets at once.</summary>
    public TimeSpan After { get; init; }

    /// <inheritdoc />
    public override string Kind => "reset_peer";

    /// <inheritdoc />
    protected override string Describe() => $"after {Ms(After)}";
}
