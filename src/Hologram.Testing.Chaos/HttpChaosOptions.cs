using System.Net;
using System.Net.Sockets;

namespace Hologram.Testing.Chaos;

/// <summary>
/// In-process HTTP faults (no proxy): latency, exceptions and bad responses, each injected into a share of the calls.
/// The shares use the proxy's vocabulary (<see cref="Toxic.Toxicity"/>); <see cref="FromToxics"/> maps toxics directly.
/// </summary>
public sealed class HttpChaosOptions
{
    /// <summary>Whether any fault is injected; true by default (turn chaos off without rebuilding the pipeline).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The added latency.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The largest random deviation from <see cref="Latency"/>.</summary>
    public TimeSpan LatencyJitter { get; set; }

    /// <summary>The share of calls (0 to 1) delayed by <see cref="Latency"/>.</summary>
    public double LatencyToxicity { get; set; }

    /// <summary>The share of calls (0 to 1) failing with <see cref="Fault"/>.</summary>
    public double FaultToxicity { get; set; }

    /// <summary>The exception injected; a connection reset (<see cref="HttpRequestException"/>) by default.</summary>
    public Func<Exception> Fault { get; set; } = static () =>
        new HttpRequestException("connection reset by peer (injected)", new SocketException((int)SocketError.ConnectionReset));

    /// <summary>The share of calls (0 to 1) answered with <see cref="OutcomeStatus"/> without reaching the service.</summary>
    public double OutcomeToxicity { get; set; }

    /// <summary>The status of injected responses; 503 by default.</summary>
    public HttpStatusCode OutcomeStatus { get; set; } = HttpStatusCode.ServiceUnavailable;

    /// <summary>The <c>Retry-After</c> of injected responses; none when null.</summary>
    public TimeSpan? OutcomeRetryAfter { get; set; }

    /// <summary>The seed deciding which calls are hit; random when null.</summary>
    public int? RandomSeed { get; set; }

    /// <summary>The clock for injected delays; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Options equivalent to <paramref name="toxics"/> for in-process use: latency → latency, reset peer → a connection
    /// reset fault, timeout → a delay of its close time (or 30 s) then a timeout fault. Toxics that shape a byte stream
    /// (bandwidth, slicer, data limit, slow close) have no per-call equivalent and are refused.
    /// </summary>
    /// <param name="toxics">The toxics to map; each kind at most once.</param>
    /// <exception cref="NotSupportedException">A toxic has no per-call equivalent.</exception>
    public static HttpChaosOptions FromToxics(params Toxic[] toxics)
    {
        ArgumentNullException.ThrowIfNull(toxics);
        var options = new HttpChaosOptions();
        foreach (var toxic in toxics)
        {
            switch (toxic)
            {
                case LatencyToxic latency:
                    options.Latency = latency.Delay;
                    options.LatencyJitter = latency.Jitter;
                    options.LatencyToxicity = latency.Toxicity;
                    break;
                case ResetPeerToxic reset:
                    options.FaultToxicity = reset.Toxicity;
                    break;
                case TimeoutToxic timeout:
                    var wait = timeout.CloseAfter > TimeSpan.Zero ? timeout.CloseAfter : TimeSpan.FromSeconds(30);
                    options.Latency = wait;
                    options.LatencyToxicity = timeout.Toxicity;
                    options.FaultToxicity = timeout.Toxicity;
                    options.Fault = () => new TimeoutException($"no answer within {wait.TotalMilliseconds:0} ms (injected)");
                    break;
                default:
                    throw new NotSupportedException($"{toxic.Kind} shapes a byte stream and has no per-call equivalent; use a ChaosProxy");
            }
        }

        return options;
    }
}
