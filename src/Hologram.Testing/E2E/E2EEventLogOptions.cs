namespace Hologram.Testing.E2E;

/// <summary>Settings of an <see cref="E2EEventLog"/>.</summary>
public sealed class E2EEventLogOptions
{
    /// <summary>The clock for timestamps and durations; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>How long a write waits for other writers' lock before failing; 30 seconds by default.</summary>
    public TimeSpan LockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The hash-chain seam: given the last line of the file (null when empty) and the new line (compact JSON), returns the
    /// line to write, e.g. with <c>prev</c> and <c>hash</c> fields added. Runs under the cross-process lock, so the last
    /// line is really the previous record. Null (the default) writes lines unchanged.
    /// </summary>
    public Func<string?, string, string>? LineChain { get; set; }

    /// <summary>Whether each line is flushed to disk (fsync) before the write returns; false by default.</summary>
    public bool FlushToDisk { get; set; }
}
