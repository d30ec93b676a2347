using System.Globalization;

namespace Hologram.Testing.Chaos;

/// <summary>
/// A network fault applied by a <see cref="ChaosProxy"/> to the data of a connection, in one direction, on a share of the
/// connections (<see cref="Toxicity"/>: each connection rolls once per toxic). Create one with the static factories.
/// </summary>
public abstract record Toxic
{
    private readonly double _toxicity = 1.0;

    private protected Toxic()
    {
    }

    /// <summary>Which way the toxic acts; downstream (responses) unless set.</summary>
    public ToxicDirection Direction { get; init; } = ToxicDirection.Downstream;

    /// <summary>The probability, from 0 to 1, that a connection is affected; 1 by default.</summary>
    public double Toxicity
    {
        get => _toxicity;
        init
        {
            if (double.IsNaN(value) || value is < 0 or > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "toxicity is a probability from 0 to 1");
            }

            _toxicity = value;
        }
    }

    /// <summary>A name for reports; the kind and its settings unless set.</summary>
    public string? Name { get; init; }

    /// <summary>The kind of toxic, e.g. <c>latency</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Delays every chunk of data by <paramref name="latency"/> ± <paramref name="jitter"/> after it reached the proxy.</summary>
    public static LatencyToxic Latency(TimeSpan latency, TimeSpan jitter = default) => new(latency, jitter);

    /// <summary>Limits the transfer rate to <paramref name="bytesPerSecond"/>.</summary>
    public static BandwidthToxic Bandwidth(long bytesPerSecond) => new(bytesPerSecond);

    /// <summary>Stops all data (a black hole); closes the connection after <paramref name="timeout"/>, or never when zero.</summary>
    public static TimeoutToxic Timeout(TimeSpan timeout = default) => new(timeout);

    /// <summary>Resets the connection (TCP RST) after <paramref name="after"/>, or as soon as it applies when zero.</summary>
    public static ResetPeerToxic ResetPeer(TimeSpan after = default) => new(after);

    /// <summary>Delays the close of the connection by <paramref name="delay"/> once the sender has finished.</summary>
    public static SlowCloseToxic SlowClose(TimeSpan delay) => new(delay);

    /// <summary>Splits data into chunks of <paramref name="averageSize"/> ± <paramref name="sizeVariation"/> bytes, sent <paramref name="delay"/> apart.</summary>
    public static SlicerToxic Slicer(int averageSize, int sizeVariation = 0, TimeSpan delay = default) => new(averageSize, sizeVariation, delay);

    /// <summary>Closes the connection once exactly <paramref name="bytes"/> bytes have passed.</summary>
    public static LimitDataToxic LimitData(long bytes) => new(bytes);

    /// <summary>A copy acting on requests (client → service).</summary>
    public Toxic Upstream() => this with { Direction = ToxicDirection.Upstream };

    /// <summary>A copy acting on responses (service → client).</summary>
    public Toxic Downstream() => this with { Direction = ToxicDirection.Downstream };

    /// <summary>A copy acting both ways.</summary>
    public Toxic BothWays() => this with { Direction = ToxicDirection.Both };

    /// <summary>A copy affecting a share <paramref name="toxicity"/> (0 to 1) of the connections.</summary>
    public Toxic WithToxicity(double toxicity) => this with { Toxicity = toxicity };

    /// <summary>A copy with a name for reports.</summary>
    public Toxic Named(string name) => this with { Name = name };

    /// <summary>Whether the toxic acts on data flowing <paramref name="direction"/> (never <see cref="ToxicDirection.Both"/>).</summary>
    public bool AppliesTo(ToxicDirection direction) => Direction == ToxicDirection.Both || Direction == direction;

    /// <summary>The settings of the kind, for <see cref="ToString"/>.</summary>
    protected abstract string Describe();

    /// <inheritdoc />
    public sealed override string ToString() =>
        Name ?? string.Create(CultureInfo.InvariantCulture, $"{Kind}({Describe()}, {Direction.ToString().ToLowerInvariant()}, toxicity {Toxicity:0.##})");

    /// <summary>Formats a duration in milliseconds for descriptions.</summary>
    private protected static string Ms(TimeSpan value) => string.Create(CultureInfo.InvariantCulture, $"{value.TotalMilliseconds:0.###} ms");

    /// <summary>Throws when <paramref name="value"/> is negative.</summary>
    private protected static TimeSpan NonNegative(TimeSpan value, string name) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(name, value, "must not be negative");
}
