using System.Globalization;

namespace Hologram.Testing.Chaos;

/// <summary>Limits the transfer rate of a connection to <see cref="BytesPerSecond"/>.</summary>
public sealed record BandwidthToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.Bandwidth"/>.</summary>
    public BandwidthToxic(long bytesPerSecond) =>
        BytesPerSecond = bytesPerSecond > 0 ? bytesPerSecond : throw new ArgumentOutOfRangeException(nameof(bytesPerSecond), bytesPerSecond, "must be positive");

    /// <summary>The largest rate.</summary>
    public long BytesPerSecond { get; init; }

    /// <inheritdoc />
    public override string Kind => "bandwidth";

    /// <inheritdoc />
    protected override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{BytesPerSecond} B/s");
}
