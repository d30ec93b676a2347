using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Hologram.Testing.Chaos;
using Hologram.Testing.E2E;
using Hologram.Testing.Xunit;
using Xunit.Abstractions;

namespace Hologram.Samples.Tests;

/// <summary>
/// The seed's phase 9 against the real sample service: kill -9 and restart mid-load, latency and resets through a proxy,
/// GraphQL backpressure, and one of two dependencies down. Thresholds: success rate &gt; 95 %, recovery &lt; 30 s,
/// zero acknowledged writes lost. Reports go to <c>reports/chaos/</c>.
/// </summary>
[Phase9Chaos]
public sealed class StoreChaosTests(ITestOutputHelper output)
{
    private static ChaosExperimentOptions Options => new()
    {
        SteadyStateDuration = TimeSpan.FromSeconds(1),
        FaultDuration = TimeSpan.FromSeconds(1.5),
        AfterRecoveryDuration = TimeSpan.FromSeconds(1),
        Concurrency = 4,
    };

    private static E2ERetryOptions Patient => new()
    {
        MaxRetries = 12,
        BaseDelay = TimeSpan.FromMilliseconds(100),
        MaxDelay = TimeSpan.FromSeconds(1),
        AttemptTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public async Task The_store_killed_and_restarted_mid_load_loses_no_acknowledged_write()
    {
        await using var store = await SampleService.StartAsync("chaos-store-kill", output);
        using var http = E2EHttp.CreateClient(store.Url, Patient);
        using var reader = E2EHttp.CreateClient(store.Url);

        var report = await new ChaosExperiment("sample-store-kill", Options)
            .SteadyState(ReadinessProbes.Http(store.Health))
            .Workload(async (op, ct) =>
            {
                var content = Payload(op.Sequence);
                var cid = await SampleClient.AddAsync(http, content, ct);
                op.Acknowledged(cid, SampleClient.Digest(content));
            })
            .Inject(_ =>
            {
                store.Process.Kill();
                return Task.CompletedTask;
            })
            .Restore(async ct => output.WriteLine($"restarted: time to recovery {(await store.Process.RestartAsync(ct)).TimeToRecovery.TotalMilliseconds:0} ms"))
            .ReadBack(async (cid, ct) => await SampleClient.CatAsync(reader, cid, ct) is { } bytes ? SampleClient.Digest(bytes) : null)
            .RunAsync();

        output.WriteLine(report.Summary());
        Assert.True(report.AcknowledgedWrites > 10, report.Summary());
        Assert.Equal(2, store.Process.Starts);
        report.AssertThresholds();
    }

    [Fact]
    public async Task Latency_and_resets_through_the_proxy_are_absorbed()
    {
        await using var store = await SampleService.StartAsync("chaos-proxy", output);
        await using var proxy = await ChaosProxy.StartAsync(store.Url.ToString());
        using var http = E2EHttp.CreateClient(proxy.HttpUrl, Patient, new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMilliseconds(200) });
        using var reader = E2EHttp.CreateClient(store.Url);
        var slowest = TimeSpan.Zero;

        var report = await new ChaosExperiment("sample-proxy-latency-reset", Options)
            .SteadyState(ReadinessProbes.Http(new Uri(proxy.HttpUrl, "health")))
            .Workload(async (op, ct) =>
            {
                var content = Payload(op.Sequence);
                var started = TimeProvider.System.GetTimestamp();
                var cid = await SampleClient.AddAsync(http, content, ct);
                if (op.Phase == ExperimentPhase.Fault)
                {
                    var took = TimeProvider.System.GetElapsedTime(started);
                    lock (output)
                    {
                        slowest = took > slowest ? took : slowest;
                    }
                }

                op.Acknowledged(cid, SampleClient.Digest(content));
            })
            .Inject(() => proxy.Inject(Toxic.Latency(TimeSpan.FromMilliseconds(100), jitter: TimeSpan.FromMilliseconds(20))))
            .Inject(() => proxy.Inject(Toxic.ResetPeer().WithToxicity(0.3)))
            .ReadBack(async (cid, ct) => await SampleClient.CatAsync(reader, cid, ct) is { } bytes ? SampleClient.Digest(bytes) : null)
            .RunAsync();

        output.WriteLine(report.Summary());
        Assert.Empty(proxy.Toxics);
        Assert.True(slowest >= TimeSpan.FromMilliseconds(80), $"slowest call under latency took {slowest.TotalMilliseconds:0} ms");
        report.AssertThresholds();
    }

    [Fact]
    public async Task GraphQL_backpressure_is_honoured_by_the_client()
    {
        await using var service = await SampleService.StartAsync(
            "chaos-backpressure", output, "--Service:MaxConcurrent=2", "--Service:QueueLimit=2", "--Service:GraphQlDelayMs=100");
        var retries = new ConcurrentBag<E2ERetry>();
        var options = Patient;
        options.OnRetry = retries.Add;
        using var http = E2EHttp.CreateClient(service.Url, options);
        using var raw = new HttpClient { BaseAddress = service.Url };

        var rejected = await Task.WhenAll(Enumerable.Range(0, 12).Select(async _ =>
        {
            using var response = await raw.PostAsJsonAsync(new Uri("graphql", UriKind.Relative), new { query = "{ search(text: \"x\") { id } }" });
            return response.StatusCode == HttpStatusCode.TooManyRequests ? response.Headers.RetryAfter?.Delta : null;
        }));
        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            try
            {
                await SampleClient.SearchAsync(http, "anything");
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }));

        Assert.Contains(TimeSpan.FromSeconds(1), rejected);
        var successRate = results.Count(r => r) / (double)results.Length;
        Assert.True(successRate > 0.95, $"success rate {successRate:P1}");
        var throttled = retries.Where(r => r.Reason == "429").ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r => Assert.True(r.FromRetryAfter && r.Delay == TimeSpan.FromSeconds(1), $"retry waited {r.Delay} (from Retry-After: {r.FromRetryAfter})"));
        output.WriteLine($"{rejected.Count(r => r is not null)} of 12 raw requests throttled; {throttled.Count} retries after 429, each waiting the Retry-After");
    }

    [Fact]
    public async Task With_one_of_two_dependencies_down_reads_go_on_and_writes_recover()
    {
        await using var store = await SampleService.StartAsync("chaos-partial-store", output);
        await using var market = await SampleService.StartAsync("chaos-partial-market", output, $"--Service:StoreUrl={store.Url}");
        using var toStore = E2EHttp.CreateClient(store.Url, Patient);
        using var toMarket = E2EHttp.CreateClient(market.Url, Patient);
        using var rawMarket = new HttpClient { BaseAddress = market.Url };
        var searchFailuresUnderFault = 0;

        var report = await new ChaosExperiment("sample-partial-failure", Options)
            .SteadyState(async ct => await ReadinessProbes.Http(store.Health)(ct) && await ReadinessProbes.Http(market.Health)(ct))
            .Workload(async (op, ct) =>
            {
                if (op.Sequence % 2 == 1)
                {
                    try
                    {
                        await SampleClient.SearchAsync(toMarket, "partial", ct);
                    }
                    catch (Exception) when (op.Phase == ExperimentPhase.Fault)
                    {
                        Interlocked.Increment(ref searchFailuresUnderFault);
                        throw;
                    }

                    return;
                }

                var cid = await SampleClient.AddAsync(toStore, Payload(op.Sequence), ct);
                var id = await SampleClient.PublishAsync(toMarket, cid, $"partial {op.Sequence}", ct);
                op.Acknowledged(id, cid);
            })
            .Inject(_ =>
            {
                store.Process.Kill();
                return Task.CompletedTask;
            })
            .Restore(async ct => await store.Process.RestartAsync(ct))
            .ReadBack((id, ct) => SampleClient.ResolveAsync(toMarket, id, ct))
            .RunAsync();

        output.WriteLine(report.Summary());
        Assert.Equal(0, searchFailuresUnderFault);
        Assert.True(market.Process.IsRunning);
        Assert.Equal(1, market.Process.Starts);
        report.AssertThresholds();

        // While the store is down, the marketplace refuses publishes with 503 and says when to come back.
        var cid = await SampleClient.AddAsync(toStore, Payload(-1));
        store.Process.Kill();
        using var refused = await rawMarket.PostAsJsonAsync(new Uri("api/market/publish", UriKind.Relative), new { cid, name = "partial" });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
    }

    private static byte[] Payload(long sequence)
    {
        var bytes = new byte[2048];
        new Random((int)sequence).NextBytes(bytes);
        BitConverter.TryWriteBytes(bytes, sequence);
        return bytes;
    }
}
