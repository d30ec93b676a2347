using System.Globalization;

namespace Hologram.Testing.Chaos;

/// <summary>Closes the connection once exactly <see cref="Bytes"/> bytes have passed (counted from when the toxic applies).</summary>
public sealed record LimitDataToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.LimitData"/>.</summary>
    public LimitDataToxic(long bytes) =>
        Bytes = bytes >= 0 ? bytes : throw new ArgumentOutOfRangeException(nameof(bytes), bytes, "must not be negative");

    /// <summary>How many bytes pass before the connection is closed.</summary>
    public long Bytes { get; init; }

    /// <inheritdoc />
    public override string Kind => "limit_data";

    /// <inheritdoc />
    protected override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Bytes} B");
}
