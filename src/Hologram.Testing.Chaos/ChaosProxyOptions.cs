namespace Hologram.Testing.Chaos;

/// <summary>Settings of a <see cref="ChaosProxy"/>.</summary>
public sealed class ChaosProxyOptions
{
    /// <summary>The loopback port to listen on; 0 (the default) picks a free one.</summary>
    public int ListenPort { get; set; }

    /// <summary>How long connecting to the upstream may take before the client connection is reset; 5 seconds by default.</summary>
    public TimeSpan UpstreamConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The size of each read buffer; 64 KiB by default.</summary>
    public int BufferSize { get; set; } = 64 * 1024;

    /// <summary>The clock for delays; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Whether a direction no toxic needs to see is forwarded without copying through user space (Linux <c>splice</c>);
    /// true by default. Elsewhere, or when the sockets refuse it, the copy loop forwards everything either way.
    /// </summary>
    public bool ZeroCopy { get; set; } = true;

    /// <summary>The seed of the random source deciding toxicity and jitter; random when null.</summary>
    public int? RandomSeed { get; set; }
}
