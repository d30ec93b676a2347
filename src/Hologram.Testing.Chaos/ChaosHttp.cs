using Hologram.Testing.E2E;
using Polly;
using Polly.Simmy;
using Polly.Simmy.Fault;
using Polly.Simmy.Latency;
using Polly.Simmy.Outcomes;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos;

/// <summary>Polly v8 chaos strategies (latency, fault, outcome) for <see cref="HttpClient"/> pipelines, driven by <see cref="HttpChaosOptions"/>.</summary>
public static class ChaosHttp
{
    /// <summary>
    /// Adds Polly's chaos latency, fault and outcome strategies (in that order) to <paramref name="builder"/>; with
    /// Microsoft.Extensions.Http.Resilience: <c>AddResilienceHandler("chaos", b =&gt; b.AddHologramChaos(options))</c>.
    /// </summary>
    /// <param name="builder">The pipeline being built.</param>
    /// <param name="options">Which faults, how often.</param>
    public static ResiliencePipelineBuilder<HttpResponseMessage> AddHologramChaos(this ResiliencePipelineBuilder<HttpResponseMessage> builder, HttpChaosOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var random = new ChaosRandom(options.RandomSeed);
        Func<double> randomizer = random.NextDouble;
        builder.TimeProvider ??= options.TimeProvider;
        if (options.LatencyToxicity > 0 && options.Latency > TimeSpan.Zero)
        {
            builder.AddChaosLatency(new ChaosLatencyStrategyOptions
            {
                InjectionRate = options.LatencyToxicity,
                EnabledGenerator = _ => ValueTask.FromResult(options.Enabled),
                Randomizer = randomizer,
                LatencyGenerator = _ =>
                {
                    var jitter = options.LatencyJitter * ((random.NextDouble() * 2) - 1);
                    var latency = options.Latency + jitter;
                    return ValueTask.FromResult(latency < TimeSpan.Zero ? TimeSpan.Zero : latency);
                },
            });
        }

        if (options.FaultToxicity > 0)
        {
            builder.AddChaosFault(new ChaosFaultStrategyOptions
            {
                InjectionRate = options.FaultToxicity,
                EnabledGenerator = _ => ValueTask.FromResult(options.Enabled),
                Randomizer = randomizer,
                FaultGenerator = _ => ValueTask.FromResult<Exception?>(options.Fault()),
            });
        }

        if (options.OutcomeToxicity > 0)
        {
            builder.AddChaosOutcome(new ChaosOutcomeStrategyOptions<HttpResponseMessage>
            {
                InjectionRate = options.OutcomeToxicity,
                EnabledGenerator = _ => ValueTask.FromResult(options.Enabled),
                Randomizer = randomizer,
                OutcomeGenerator = _ =>
                {
                    var response = new HttpResponseMessage(options.OutcomeStatus) { Content = new StringContent("injected by chaos") };
                    if (options.OutcomeRetryAfter is { } retryAfter)
                    {
                        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(retryAfter);
                    }

                    return ValueTask.FromResult<Outcome<HttpResponseMessage>?>(Outcome.FromResult(response));
                },
            });
        }

        return builder;
    }

    /// <summary>An HTTP handler injecting the faults of <paramref name="options"/> in front of <paramref name="innerHandler"/>.</summary>
    /// <param name="options">Which faults, how often.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> when null.</param>
    public static DelegatingHandler CreateHandler(HttpChaosOptions options, HttpMessageHandler? innerHandler = null) =>
        new ResiliencePipelineHandler(new ResiliencePipelineBuilder<HttpResponseMessage>().AddHologramChaos(options).Build())
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler(),
        };

    /// <summary>An <see cref="HttpClient"/> whose calls suffer the faults of <paramref name="options"/>.</summary>
    /// <param name="options">Which faults, how often.</param>
    /// <param name="baseAddress">The service's base URL, if any.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> when null.</param>
    public static HttpClient CreateClient(HttpChaosOptions options, Uri? baseAddress = null, HttpMessageHandler? innerHandler = null) =>
        new(CreateHandler(options, innerHandler)) { BaseAddress = baseAddress };
}
