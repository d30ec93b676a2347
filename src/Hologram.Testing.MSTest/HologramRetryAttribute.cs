using Hologram.Testing.Sdk;

namespace Hologram.Testing.MSTest;

/// <summary>
/// Retries a failed test up to <see cref="TestRetryAttribute.Retries"/> extra times through Hologram, overriding the
/// profile's <c>Retries</c>; on a method or a class, the nearest wins; <c>[HologramRetry(0)]</c> turns retries off
/// (semantics shared by every adapter, see <see cref="TestRetryAttribute"/>). MSTest 3.8 and later have a
/// <c>[Retry(n)]</c> of their own, whose attempts Hologram cannot see: this attribute is named apart from it.
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
