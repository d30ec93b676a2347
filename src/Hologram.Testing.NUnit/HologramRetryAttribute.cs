using Hologram.Testing.Sdk;

namespace Hologram.Testing.NUnit;

/// <summary>
/// Retries a failed test up to <see cref="TestRetryAttribute.Retries"/> extra times through Hologram, overriding the
/// profile's <c>Retries</c>; on a method or a class, the nearest wins; <c>[HologramRetry(0)]</c> turns retries off
/// (semantics shared by every adapter, see <see cref="TestRetryAttribute"/>). Unlike NUnit's own <c>[Retry(n)]</c>,
/// which counts total attempts and whose attempts Hologram cannot see, the number is the extra attempts after the
/// first, and every attempt is recorded.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, AllowMultiple = false, Inherited = true)]
public sealed class HologramRetryAttribute : TestRetryAttribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="retries">Extra attempts after a failure (0 = none).</param>
    public HologramRetryAttribute(int retries)
        : base(retries)
    {
    }
}
