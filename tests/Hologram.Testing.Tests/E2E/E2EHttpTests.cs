using System.Net;
using System.Net.Http.Headers;
using Hologram.Testing.E2E;
using Microsoft.Extensions.Time.Testing;

namespace Hologram.Testing.Tests.E2E;

public sealed class E2EHttpTests
{
    [Fact]
    public async Task Retry_after_on_429_and_503_is_honoured()
    {
        var retries = new List<E2ERetry>();
        using var stub = new StubHandler(
            Respond(HttpStatusCode.TooManyRequests, TimeSpan.FromMilliseconds(300)),
            Respond(HttpStatusCode.ServiceUnavailable, TimeSpan.FromMilliseconds(150)),
            Respond(HttpStatusCode.OK, null));
        using var client = E2EHttp.CreateClient(new Uri("http://127.0.0.1:9/"), new E2ERetryOptions { OnRetry = retries.Add }, stub);

        using var response = await client.PostAsync(new Uri("api", UriKind.Relative), new StringContent("body"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, stub.Calls);
        Assert.Equal(["body", "body", "body"], stub.Bodies);
        Assert.Equal([TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(150)], retries.Select(r => r.Delay));
        Assert.All(retries, r => Assert.True(r.FromRetryAfter));
        Assert.Equal(["429", "503"], retries.Select(r => r.Reason));
    }

    [Fact]
    public async Task Connection_errors_are_retried_with_backoff_then_given_up()
    {
        var retries = new List<E2ERetry>();
        using var stub = new StubHandler(_ => throw new HttpRequestException("refused"));
        using var client = E2EHttp.CreateClient(
            new Uri("http://127.0.0.1:9/"),
            new E2ERetryOptions { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(10), OnRetry = retries.Add },
            stub);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri("x", UriKind.Relative)));

        Assert.Equal(3, stub.Calls);
        Assert.All(retries, r => Assert.False(r.FromRetryAfter));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        using var stub = new StubHandler(Respond(HttpStatusCode.NotFound, null));
        using var client = E2EHttp.CreateClient(new Uri("http://127.0.0.1:9/"), null, stub);

        using var response = await client.GetAsync(new Uri("x", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, stub.Calls);
    }

    [Fact]
    public void Retry_after_dates_are_read_against_the_clock_and_capped()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var dated = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        dated.Headers.RetryAfter = new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(4));
        using var late = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        late.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10));
        using var none = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Equal(TimeSpan.FromSeconds(4), E2EHttp.RetryAfter(dated, clock, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(30), E2EHttp.RetryAfter(late, clock, TimeSpan.FromSeconds(30)));
        Assert.Null(E2EHttp.RetryAfter(none, clock, TimeSpan.FromSeconds(30)));
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Respond(HttpStatusCode status, TimeSpan? retryAfter) => _ =>
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } delay)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return response;
    };

    private sealed class StubHandler(params Func<HttpRequestMessage, HttpResponseMessage>[] responses) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        public List<string> Bodies { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var respond = responses[Math.Min(Calls, responses.Length - 1)];
            Calls++;
            if (request.Content is not null)
            {
                Bodies.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            return respond(request);
        }
    }
}
