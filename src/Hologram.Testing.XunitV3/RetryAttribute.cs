namespace Hologram.Testing.XunitV3;

/// <summary>
/// Retries a failed test up to <see cref="Retries"/> extra times, overriding the profile's <c>Retries</c> setting.
/// On a method or a class; the nearest wins; <c>[Retry(0)]</c> turns retries off. Every attempt is recorded; a test
/// that fails and then passes is reported as passed and recorded as a flake.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RetryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="retries">Extra attempts after a failure (0 = none).</param>
    public RetryAttribute(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Retries = retries;
    }

    /// <summary>Extra attempts after a failure.</summary>
    public int Retries { get; }
}
