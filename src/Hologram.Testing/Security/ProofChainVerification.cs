namespace Hologram.Testing.Security;

/// <summary>The result of <see cref="ProofChain.Verify(string, byte[])"/>: either intact, or the first problem found.</summary>
/// <param name="Count">The number of records read.</param>
/// <param name="Failure">What is wrong, or <see cref="ProofChainFailure.None"/>.</param>
/// <param name="LineNumber">The 1-based line of the first bad record, or 0 when intact.</param>
/// <param name="ExpectedHash">The hash the chain expected at that record (hex), when known.</param>
/// <param name="FoundHash">The hash found at that record (hex), when known.</param>
/// <param name="LastHash">The hash of the last record (hex) when intact: keep it elsewhere to detect truncation.</param>
/// <param name="Detail">A one-line explanation of the problem.</param>
public sealed record ProofChainVerification(
    int Count,
    ProofChainFailure Failure,
    int LineNumber,
    string? ExpectedHash,
    string? FoundHash,
    string? LastHash,
    string? Detail)
{
    /// <summary>True when every record links to the previous one and matches its hash.</summary>
    public bool Ok => Failure == ProofChainFailure.None;

    /// <summary>A one-line description: <c>OK n records</c> or the first problem.</summary>
    public override string ToString() => Ok
        ? $"OK {Count} records"
        : $"line {LineNumber}: {Failure.ToString().ToLowerInvariant()}: {Detail} (expected {ExpectedHash ?? "-"}, found {FoundHash ?? "-"})";
}
