namespace Hologram.Testing.E2E;

/// <summary>Settings of an <see cref="E2EEventLog"/>.</summary>
public sealed class E2EEventLogOptions
{
    /// <summary>The clock for timestamps and durations; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a write waits for other writers' lock before failing; 30 seconds by default.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How a line joins the file's hash chain: given the last line of the file (null when empty) and the new line
    /// (compact JSON), returns the line to write. Runs under the cross-process lock, so the last line really is the
    /// previous record. By default <see cref="Security.ProofChain.Link"/> appends <c>seq</c>, <c>prev</c> and <c>hash</c>
    /// (SHA-256, or HMAC-SHA256 keyed by the <c>HOLOGRAM_PROOF_KEY</c> environment variable), so
    /// <c>hologram verify reports/e2e/events.jsonl</c> can prove the log was not edited. Null writes lines unchanged.
    /// </summary>
    public Func<string?, string, string>? LineChain { get; set; } = DefaultChain;

    /// <summary>The default <see cref="LineChain"/>: <see cref="Security.ProofChain.Link"/>, keyed when <c>HOLOGRAM_PROOF_KEY</c> is set.</summary>
    public static Func<string?, string, string> DefaultChain { get; } = CreateDefaultChain();

    private static Func<string?, string, string> CreateDefaultChain()
    {
        var secret = Environment.GetEnvironmentVariable("HOLOGRAM_PROOF_KEY");
        var key = string.IsNullOrEmpty(secret) ? null : System.Text.Encoding.UTF8.GetBytes(secret);
        return (previous, line) => Security.ProofChain.Link(previous, line, key);
    }

    /// <summary>Whether each line is flushed to disk (fsync) before the write returns; false by default.</summary>
    public bool FlushToDisk { get; set; }
}
