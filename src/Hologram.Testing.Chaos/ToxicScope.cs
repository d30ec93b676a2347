using Hologram.Testing.Chaos.Internal;
namespace Hologram.Testing.Chaos;

/// <summary>A toxic in force on a <see cref="ChaosProxy"/>; disposing it removes the toxic, even from open connections.</summary>
public sealed class ToxicScope : IDisposable
{
    private readonly ChaosProxy _proxy;

    internal ToxicScope(ChaosProxy proxy, ActiveToxic entry)
    {
        _proxy = proxy;
        Entry = entry;
    }

    /// <summary>The toxic in force.</summary>
    public Toxic Toxic => Entry.Toxic;

    /// <summary>Whether the toxic is still in force.</summary>
    public bool IsActive => _proxy.IsActive(Entry);

    internal ActiveToxic Entry { get; private set; }

    /// <summary>Replaces the toxic by <paramref name="toxic"/> while connections stay open (each connection rolls its toxicity again).</summary>
    /// <returns>This scope.</returns>
    public ToxicScope Update(Toxic toxic)
    {
        ArgumentNullException.ThrowIfNull(toxic);
        Entry = _proxy.Replace(Entry, toxic);
        return this;
    }

    /// <summary>Removes the toxic.</summary>
    public void Dispose() => _proxy.Remove(Entry);
}
