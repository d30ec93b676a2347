namespace Hologram.Testing.Chaos.Internal;

/// <summary>A thread-safe random source, seeded for reproducible runs when asked.</summary>
internal sealed class ChaosRandom(int? seed)
{
    private readonly Random _random = seed is { } s ? new Random(s) : new Random();
    private readonly Lock _gate = new();

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble()
    {
        lock (_gate)
        {
            return _random.NextDouble();
        }
    }

    /// <summary>A value in [min, max].</summary>
    public int NextInclusive(int min, int max)
    {
        lock (_gate)
        {
            return _random.Next(min, max + 1);
        }
    }

    /// <summary>True with probability <paramref name="probability"/>; exactly never at 0 and always at 1.</summary>
    public bool Chance(double probability) => probability >= 1 || (probability > 0 && NextDouble() < probability);
}
