namespace Hologram.Testing.History.Storage;

/// <summary>What a <see cref="StoreCopy"/> wrote and skipped.</summary>
/// <param name="RunsCopied">Runs written (new to the target, or short of attempts there).</param>
/// <param name="RunsSkipped">Runs whose attempts were all in the target already.</param>
/// <param name="Attempts">Attempts sent to the target (those already there changed nothing).</param>
/// <param name="Flakes">Flake events sent (those already there changed nothing).</param>
/// <param name="Perf">Perf measurements sent (those already there changed nothing).</param>
/// <param name="Quarantined">Quarantine entries added.</param>
/// <param name="Audit">Audit entries added.</param>
/// <param name="Collisions">Attempts not written because the target holds a different result under the same key.</param>
internal sealed record StoreCopyResult(long RunsCopied, long RunsSkipped, long Attempts, long Flakes, long Perf, long Quarantined, long Audit, int Collisions);
