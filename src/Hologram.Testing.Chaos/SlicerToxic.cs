using System.Globalization;

namespace Hologram.Testing.Chaos;

/// <summary>Splits data into small chunks of <see cref="AverageSize"/> ± <see cref="SizeVariation"/> bytes, sent <see cref="Delay"/> apart.</summary>
public sealed record SlicerToxic : Toxic
{
    /// <summary>Creates the toxic; see <see cref="Toxic.Slicer"/>.</summary>
    public SlicerToxic(int averageSize, int sizeVariation, TimeSpan delay)
    {
        AverageSize = averageSize > 0 ? averageSize : throw new ArgumentOutOfRangeException(nameof(averageSize), averageSize, "must be positive");
        SizeVariation = sizeVariation >= 0 && sizeVariation < averageSize
            ? sizeVariation
            : throw new ArgumentOutOfRangeException(nameof(sizeVariation), sizeVariation, "must be from 0 to less than the average size");
        Delay = NonNegative(delay, nameof(delay));
    }

    /// <summary>The average chunk size in bytes.</summary>
    public int AverageSize { get; init; }

    /// <summary>The largest random deviation from <see cref="AverageSize"/>.</summary>
    public int SizeVariation { get; init; }

    /// <summary>The pause between chunks.</summary>
    public TimeSpan Delay { get; init; }

    /// <inheritdoc />
    public override string Kind => "slicer";

    /// <inheritdoc />
    protected override string Describe() => string.Create(CultureInfo.InvariantCulture, $"{AverageSize} ± {SizeVariation} B every {Ms(Delay)}");
}
