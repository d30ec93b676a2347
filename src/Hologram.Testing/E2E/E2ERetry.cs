namespace Hologram.Testing.E2E;

/// <summary>A retry about to happen in an <see cref="E2EHttp"/> client.</summary>
/// <param name="Attempt">The retry number, from 0.</param>
/// <param name="Reason">What failed: a status code (<c>429</c>) or an exception type and message.</param>
/// <param name="Delay">The pause before the retry.</param>
/// <param name="FromRetryAfter">Whether the pause came from the response's <c>Retry-After</c>.</param>
public sealed record E2ERetry(int Attempt, string Reason, TimeSpan Delay, bool FromRetryAfter);
