namespace Hologram.Testing.Security;

/// <summary>Settings of a <see cref="NonceReplayGuard"/>.</summary>
public sealed class NonceReplayGuardOptions
{
    /// <summary>How long after its timestamp a nonce is remembered and a timestamp is still accepted (default 5 minutes).</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How far in the future a timestamp may be, to tolerate clock differences between sender and receiver (default 30 seconds).</summary>
    public TimeSpan FutureSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The most nonces tracked at once (default 1,000,000); beyond it, unexpired nonces are never dropped and new ones are rejected.</summary>
    public int Capacity { get; set; } = 1_000_000;
}
