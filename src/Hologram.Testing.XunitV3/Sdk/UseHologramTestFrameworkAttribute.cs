using Xunit.v3;

namespace Hologram.Testing.XunitV3.Sdk;

/// <summary>
/// Registers <see cref="HologramTestFramework"/> as the test assembly's xUnit v3 test framework. The package's
/// <c>buildTransitive</c> targets add it to every test project; opt out with <c>&lt;HologramTestFramework&gt;false&lt;/HologramTestFramework&gt;</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class UseHologramTestFrameworkAttribute : Attribute, ITestFrameworkAttribute
{
    /// <inheritdoc />
    public Type FrameworkType => typeof(HologramTestFramework);
}
