namespace Hologram.Testing.Chaos.Internal;

/// <summary>The acknowledged writes of an experiment, in acknowledgement order; a later acknowledgement of a key wins.</summary>
internal sealed class WriteLedger
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Value, ExperimentPhase Phase)> _writes = new(StringComparer.Ordinal);
    private int _acknowledgements;

    public int Acknowledgements => Volatile.Read(ref _acknowledgements);

    public void Acknowledge(string key, string value, ExperimentPhase phase)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _writes[key] = (value, phase);
            _acknowledgements++;
        }
    }

    public IReadOnlyList<(string Key, string Value, ExperimentPhase Phase)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _writes.Select(w => (w.Key, w.Value.Value, w.Value.Phase))];
        }
    }
}
