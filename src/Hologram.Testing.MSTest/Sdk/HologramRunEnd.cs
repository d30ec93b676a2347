using System.Reflection;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>
/// Ends Hologram's run of a test assembly (store written, cross-run flakes, quarantine policy) from the assembly's
/// <c>[AssemblyCleanup]</c>: the package's <c>buildTransitive</c> targets add one that calls <see cref="End"/>; a project
/// with its own <c>[AssemblyCleanup]</c> sets <c>&lt;HologramAssemblyCleanup&gt;false&lt;/HologramAssemblyCleanup&gt;</c>
/// and calls it there. Without either, the run ends when the test host exits.
/// </summary>
public static class HologramRunEnd
{
    /// <summary>Ends the run of <paramref name="testAssembly"/>; a later test starts a new one.</summary>
    /// <param name="testAssembly">The test assembly.</param>
    public static void End(Assembly testAssembly)
    {
        ArgumentNullException.ThrowIfNull(testAssembly);
        MSTestRun.For(testAssembly).End();
    }
}
