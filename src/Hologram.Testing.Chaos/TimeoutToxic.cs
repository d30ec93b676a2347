namespace Hologram.Testing.Chaos;

/// <summary>A black hole: data is dropped while the toxic is active; the connection is closed after <see cref="CloseAfter"/> (never when zero).</summary>
public sealed record TimeoutToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.Timeout(TimeSpan)"/>.</summary>
    public TimeoutToxic(TimeSpan timeout) => CloseAfter = NonNegative(timeout, nameof(timeout));

    /// <summary>How long after the toxic applies the connection is closed; zero keeps it open and silent.</summary>
    public TimeSpan CloseAfter { get; init; }

    /// <inheritdoc />
    public override string Kind => "timeout";

    /// <inheritdoc />
    protected override string Describe() => CloseAfter == TimeSpan.Zero ? "never closes" : $"closes after {Ms(CloseAfter)}";
}
