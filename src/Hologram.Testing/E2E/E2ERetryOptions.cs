using System.Net;

namespace Hologram.Testing.E2E;

/// <summary>Retry and backoff of <see cref="E2EHttp"/> clients.</summary>
public sealed class E2ERetryOptions
{
    /// <summary>Retries after the first attempt; 5 by default.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>The first backoff delay, doubled at each retry with jitter; 200 ms by default.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest backoff delay; 5 seconds by default.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest <c>Retry-After</c> honoured; a longer one is cut to this. 30 seconds by default.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt may take; 10 seconds by default.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Status codes that are retried; 408, 429, 500, 502, 503 and 504 by default.</summary>
    public ISet<HttpStatusCode> RetryStatusCodes { get; } = new HashSet<HttpStatusCode>
    {
        HttpStatusCode.RequestTimeout,
        HttpStatusCode.TooManyRequests,
        HttpStatusCode.InternalServerError,
        HttpStatusCode.BadGateway,
        HttpStatusCode.ServiceUnavailable,
        HttpStatusCode.GatewayTimeout,
    };

    /// <summary>Called before each retry with the attempt number (0 = first retry), the reason and the delay.</summary>
    public Action<E2ERetry>? OnRetry { get; set; }

    /// <summary>The clock for delays; <see cref="TimeProvider.System"/> by default.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
