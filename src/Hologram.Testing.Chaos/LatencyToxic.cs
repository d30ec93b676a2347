namespace Hologram.Testing.Chaos;

/// <summary>Delays each chunk of data by <see cref="Delay"/> ± <see cref="Jitter"/>, measured from when it reached the proxy.</summary>
public sealed record LatencyToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.Latency"/>.</summary>
    public LatencyToxic(TimeSpan latency, TimeSpan jitter = default)
    {
        Delay = NonNegative(latency, nameof(latency));
        Jitter = NonNegative(jitter, nameof(jitter));
    }

    /// <summary>The added delay.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The largest random deviation from <see cref="Delay"/>, either way (never below zero in total).</summary>
    public TimeSpan Jitter { get; init; }

    /// <inheritdoc />
    public override string Kind => "latency";

    /// <inheritdoc />
    protected override string Describe() => $"{Ms(Delay)} ± {Ms(Jitter)}";
}
