using System.Net.Sockets;

namespace Hologram.Testing.Chaos.Internal;

/// <summary>
/// One direction of a proxied connection: its sockets, which path forwards it (zero-copy splice or the toxic copy loop),
/// and the splice state the reactor thread alone touches.
/// </summary>
internal sealed class ProxyLane(ProxyConnection owner, ToxicDirection direction, Socket source, Socket destination)
{
    public ProxyConnection Owner { get; } = owner;

    public ToxicDirection Direction { get; } = direction;

    public Socket Source { get; } = source;

    public Socket Destination { get; } = destination;

    /// <summary>Completes when the direction has ended: the sender's close passed on, a failure, or the connection closed.</summary>
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // Guarded by the connection's lock.
    public LaneMode Mode { get; set; }

    /// <summary>A switch to the other path is under way (the current path is draining).</summary>
    public bool Switching { get; set; }

    /// <summary>Cancelled to ask the copy loop to hand the direction back to the splice path.</summary>
    public CancellationTokenSource? Handoff { get; set; }

    /// <summary>Set by the copy loop's reader when it stopped for a handoff rather than at the end of the stream.</summary>
    public bool HandedOff { get; set; }

    // Reactor thread only.
    public bool Active { get; set; }

    public bool StopRequested { get; set; }

    public SplicePipe? Pipe { get; set; }

    public long InPipe { get; set; }

    public bool Moved { get; set; }
}

/// <summary>Which path forwards a <see cref="ProxyLane"/>.</summary>
internal enum LaneMode
{
    NotStarted,
    Splice,
    Copy,
    Done,
}
