using Hologram.Testing.Sdk;

namespace Hologram.Testing.XunitV3;

/// <summary>
/// Retries a failed test up to <see cref="TestRetryAttribute.Retries"/> extra times, overriding the profile's
/// <c>Retries</c>; on a method or a class, the nearest wins; <c>[Retry(0)]</c> turns retries off (semantics shared by
/// every adapter, see <see cref="TestRetryAttribute"/>).
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class RetryAttribute : TestRetryAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="retries">Extra attempts after a failure (0 = none).</param>
    public RetryAttribute(int retries)
        : base(retries)
    {
    }
}
