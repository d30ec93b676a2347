using Hologram.Testing.Security;
using System.Globalization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Hologram.Testing.E2E;

/// <summary>
/// HTTP clients for end-to-end steps: transient failures (connection errors, timeouts, 408/429/5xx) are retried with
/// exponential backoff and jitter, and a <c>Retry-After</c> from the server (429/503) is honoured.
/// </summary>
public static class E2EHttp
{
    /// <summary>Creates a client for <paramref name="baseAddress"/> with retries.</summary>
    /// <param name="baseAddress">The service's base URL.</param>
    /// <param name="options">Retry settings; defaults when null.</param>
    /// <param name="innerHandler">The transport; a new <see cref="SocketsHttpHandler"/> when null.</param>
    public static HttpClient CreateClient(Uri baseAddress, E2ERetryOptions? options = null, HttpMessageHandler? innerHandler = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new ResiliencePipelineHandler(CreatePipeline(options ?? new E2ERetryOptions()))
        {
            InnerHandler = innerHandler ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The retry pipeline the clients use, for composing with other Polly strategies.</summary>
    /// <param name="options">Retry settings.</param>
    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(E2ERetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var time = options.TimeProvider;
        return new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(1, options.MaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
                    { Result: { } response } => options.RetryStatusCodes.Contains(response.StatusCode),
                    _ => false,
                } && options.MaxRetries > 0),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, time, options.MaxRetryAfter)),
                OnRetry = args =>
                {
                    var fromRetryAfter = RetryAfter(args.Outcome.Result, time, options.MaxRetryAfter) is not null;
                    var reason = args.Outcome.Exception is { } ex
                        ? $"{ex.GetType().Name}: {SecretRedactor.Default.Redact(ex.Message)}"
                        : ((int)args.Outcome.Result!.StatusCode).ToString(CultureInfo.InvariantCulture);
                    options.OnRetry?.Invoke(new E2ERetry(args.AttemptNumber, reason, args.RetryDelay, fromRetryAfter));
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>The pause a response asks for with <c>Retry-After</c> (seconds or a date), capped; null when it asks for none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider time, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - time.GetUtcNow(),
            _ => null,
        };
        if (wait is null)
        {
            return null;
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait > cap ? cap : wait;
    }
}
