namespace Hologram.Testing.Chaos;

/// <summary>Delays passing on the end of a stream (the sender's close) by <see cref="Delay"/>.</summary>
public sealed record SlowCloseToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.SlowClose"/>.</summary>
    public SlowCloseToxic(TimeSpan delay) => Delay = NonNegative(delay, nameof(delay));

    /// <summary>The delay before the close is passed on.</summary>
    public TimeSpan Delay { get; init; }

    /// <inheritdoc />
    public override string Kind => "slow_close";

    /// <inheritdoc />
    protected override string Describe() => Ms(Delay);
}
