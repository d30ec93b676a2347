namespace Hologram.Testing.Security;

/// <summary>The outcome of offering a (nonce, timestamp) pair to a <see cref="NonceReplayGuard"/>.</summary>
public enum NonceVerdict
{
    /// <summary>First sight of the nonce inside the window: the message may be processed.</summary>
    Accepted,

    /// <summary>The nonce was already accepted inside the window: a replay.</summary>
    Replayed,

    /// <summary>The timestamp is older than the window: the guard can no longer tell whether it is a replay.</summary>
    Stale,

    /// <summary>The timestamp is further in the future than the allowed clock skew.</summary>
    Future,

    /// <summary>The guard is full of unexpired nonces; the pair is rejected rather than risk accepting a replay.</summary>
    CapacityExceeded,

    /// <summary>The nonce is null or empty.</summary>
    Invalid,
}
