namespace Hologram.Testing.Sdk;

/// <summary>The core's decision after one attempt of a test case.</summary>
/// <param name="Attempt">The 1-based attempt number.</param>
/// <param name="IsFinal">True when this attempt is reported to the runner; false when the test case runs again.</param>
/// <param name="Verdicts">One verdict per observation of the attempt, in the same order.</param>
public sealed record AttemptDecision(int Attempt, bool IsFinal, IReadOnlyList<TestVerdict> Verdicts)
{
    /// <summary>How long to wait before the next attempt (<c>Retry:DelayMs</c> with its backoff); zero for a final attempt.</summary>
    public TimeSpan RetryDelay { get; init; }
}
