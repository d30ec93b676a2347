using Hologram.Testing.Sdk;

namespace Hologram.Testing.NUnit;

/// <summary>The former name of <see cref="HologramRetryAttribute"/>; it clashes with <c>NUnit.Framework.RetryAttribute</c>.</summary>
[Obsolete("Use [HologramRetry(n)]: this name clashes with NUnit.Framework.RetryAttribute. It will be removed in the next release.")]
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
