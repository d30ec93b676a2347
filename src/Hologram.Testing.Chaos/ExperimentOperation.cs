using Hologram.Testing.Chaos.Internal;
namespace Hologram.Testing.Chaos;

/// <summary>One run of the workload of a <see cref="ChaosExperiment"/>: tells it which phase it is in and records acknowledged writes.</summary>
public sealed class ExperimentOperation
{
    private readonly WriteLedger _ledger;

    internal ExperimentOperation(WriteLedger ledger, int worker, long sequence, ExperimentPhase phase)
    {
        _ledger = ledger;
        Worker = worker;
        Sequence = sequence;
        Phase = phase;
    }

    /// <summary>The workload loop running it, from 0.</summary>
    public int Worker { get; }

    /// <summary>A number unique within the experiment, from 0: handy for unique keys.</summary>
    public long Sequence { get; }

    /// <summary>The phase when the operation began.</summary>
    public ExperimentPhase Phase { get; }

    /// <summary>Records that the system acknowledged writing <paramref name="value"/> under <paramref name="key"/>: it must be readable after recovery.</summary>
    /// <param name="key">The key (e.g. a CID or id).</param>
    /// <param name="value">The value, or a digest of it, that a read-back must return.</param>
    public void Acknowledged(string key, string value) => _ledger.Acknowledge(key, value, Phase);
}
