namespace Hologram.Testing.Sdk;

/// <summary>
/// The semantics of every adapter's retry attribute, defined once: a failed test gets up to <see cref="Retries"/> extra
/// attempts, overriding the profile's <c>Retries</c>; on a method or a class, the nearest wins; <c>0</c> turns retries
/// off. Every attempt is recorded, and a test that fails and then passes is reported as passed and recorded as a flake.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public abstract class TestRetryAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="retries">Extra attempts after a failure (0 = none).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retries"/> is negative.</exception>
    protected TestRetryAttribute(int retries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        Retries = retries;
    }

    /// <summary>Extra attempts after a failure.</summary>
    public int Retries { get; }
}
