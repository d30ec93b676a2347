using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>
/// MSTest's <c>[TestClass]</c> with Hologram's runner hook: every test method of the class runs through
/// <see cref="HologramTestMethodAttribute"/> (shards, profile and run-time skips, retries, recording, quarantine). The
/// package's <c>buildTransitive</c> targets make <c>[TestClass]</c> in the test project mean this attribute.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public class HologramTestClassAttribute : TestClassAttribute
{
    /// <inheritdoc />
    public override TestMethodAttribute? GetTestMethodAttribute(TestMethodAttribute? testMethodAttribute) =>
        testMethodAttribute is not null && base.GetTestMethodAttribute(testMethodAttribute) is { } declared and not HologramTestMethodAttribute
            ? new HologramTestMethodAttribute(declared)
            : testMethodAttribute;
}
