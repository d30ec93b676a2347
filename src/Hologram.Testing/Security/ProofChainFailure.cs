namespace Hologram.Testing.Security;

/// <summary>How a proof chain was found to be broken.</summary>
public enum ProofChainFailure
{
    /// <summary>The chain is intact.</summary>
    None,

    /// <summary>A record's content no longer matches its hash, or its hash was recomputed and no longer matches the next record's link.</summary>
    Altered,

    /// <summary>A record that was not part of the chain was inserted.</summary>
    Inserted,

    /// <summary>One or more records were removed before this one.</summary>
    Removed,

    /// <summary>Records were moved out of their order.</summary>
    Reordered,

    /// <summary>The line is not a proof-chain record (not JSON, or fields missing).</summary>
    Malformed,
}
