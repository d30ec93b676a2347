using System.Diagnostics;
using System.Net;

namespace Hologram.Testing.Chaos.Tests;

public sealed class ChaosHttpTests
{
    [Fact]
    public async Task Outcome_toxicity_1_answers_every_call_with_the_status_and_retry_after()
    {
        using var inner = new CountingHandler();
        using var client = ChaosHttp.CreateClient(
            new HttpChaosOptions { OutcomeToxicity = 1, OutcomeRetryAfter = TimeSpan.FromSeconds(2) }, new Uri("http://127.0.0.1:9/"), inner);

        using var response = await client.GetAsync(new Uri("x", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter!.Delta);
        Assert.Equal(0, inner.Calls);
    }

    [Fact]
    public async Task Toxicity_0_and_disabled_chaos_pass_every_call_through()
    {
        using var inner = new CountingHandler();
        var options = new HttpChaosOptions { OutcomeToxicity = 0, FaultToxicity = 1, Enabled = false };
        using var client = ChaosHttp.CreateClient(options, new Uri("http://127.0.0.1:9/"), inner);

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync(new Uri("x", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(20, inner.Calls);
    }

    [Fact]
    public async Task Faults_are_connection_resets_by_default()
    {
        using var inner = new CountingHandler();
        using var client = ChaosHttp.CreateClient(new HttpChaosOptions { FaultToxicity = 1 }, new Uri("http://127.0.0.1:9/"), inner);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("x", UriKind.Relative)));

        Assert.Contains("connection reset", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Half_toxicity_hits_some_calls_and_spares_others()
    {
        using var inner = new CountingHandler();
        using var client = ChaosHttp.CreateClient(new HttpChaosOptions { OutcomeToxicity = 0.5, RandomSeed = 3 }, new Uri("http://127.0.0.1:9/"), inner);

        for (var i = 0; i < 100; i++)
        {
            using var response = await client.GetAsync(new Uri("x", UriKind.Relative));
        }

        Assert.InRange(inner.Calls, 25, 75);
    }

    [Fact]
    public async Task Latency_from_a_latency_toxic_delays_the_call()
    {
        using var inner = new CountingHandler();
        using var client = ChaosHttp.CreateClient(HttpChaosOptions.FromToxics(Toxic.Latency(TimeSpan.FromMilliseconds(150))), new Uri("http://127.0.0.1:9/"), inner);

        var started = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(new Uri("x", UriKind.Relative));

        Assert.True(Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(145));
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void Toxics_map_to_per_call_faults_and_stream_toxics_are_refused()
    {
        var options = HttpChaosOptions.FromToxics(Toxic.ResetPeer().WithToxicity(0.2), Toxic.Latency(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(100)).WithToxicity(0.3));
        Assert.Equal(0.2, options.FaultToxicity);
        Assert.Equal(0.3, options.LatencyToxicity);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.LatencyJitter);

        var timeout = HttpChaosOptions.FromToxics(Toxic.Timeout(TimeSpan.FromMilliseconds(500)));
        Assert.IsType<TimeoutException>(timeout.Fault());
        Assert.Equal(TimeSpan.FromMilliseconds(500), timeout.Latency);

        Assert.Throws<NotSupportedException>(() => HttpChaosOptions.FromToxics(Toxic.Bandwidth(10)));
    }

    private sealed class CountingHandler : HttpMessageHandler
    {
        private int _calls;

        public int Calls => _calls;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
