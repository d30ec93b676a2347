namespace Hologram.Testing;

/// <summary>How the wait before a retry grows with each retry (<c>Retry:Backoff</c>).</summary>
public enum RetryBackoff
{
    /// <summary>The same wait before every retry.</summary>
    Constant,

    /// <summary>The wait times the retry's number: 1×, 2×, 3×, …</summary>
    Linear,

    /// <summary>The wait doubles with each retry: 1×, 2×, 4×, …</summary>
    Exponential,
}
