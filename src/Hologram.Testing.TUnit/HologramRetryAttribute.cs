using Hologram.Testing.Sdk;

namespace Hologram.Testing.TUnit;

/// <summary>
/// Retries a failed test up to <see cref="TestRetryAttribute.Retries"/> extra times through Hologram, overriding the
/// profile's <c>Retries</c>; on a method or a class, the nearest wins; <c>[HologramRetry(0)]</c> turns retries off
/// (semantics shared by every adapter, see <see cref="TestRetryAttribute"/>). TUnit runs each attempt (a fresh class
/// instance, its set-up and tear-down hooks) and Hologram records every one. Named so that it does not clash with
/// TUnit's own <c>[Retry(n)]</c>, whose count Hologram's hook replaces.
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
