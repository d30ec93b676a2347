namespace Hologram.Testing.Security;

/// <summary>One record as appended to a proof chain.</summary>
/// <param name="Sequence">The 1-based position of the record in the chain.</param>
/// <param name="PreviousHash">The hash of the previous record (hex; 64 zeros for the first).</param>
/// <param name="Hash">This record's hash (hex).</param>
/// <param name="Data">The record's payload as compact JSON.</param>
public sealed record ProofRecord(long Sequence, string PreviousHash, string Hash, string Data);
