using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.NUnit.Sdk;

/// <summary>
/// One run of one NUnit test assembly: the configuration, read when NUnit builds the test tree (for shards and profile
/// skips), and the <see cref="AdapterRun"/> (session, recording), started when the assembly suite starts and ended when
/// it finishes.
/// </summary>
/// <remarks>
/// NUnit creates attribute instances anew wherever it reads them, so the tree-building hook, the command decorators
/// and the assembly action find the run of their assembly here.
/// </remarks>
internal sealed class NUnitRun : AssemblyRun
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "nunit";

    private static readonly ConcurrentDictionary<Assembly, NUnitRun> Runs = new();
    // One wrapper per method: NUnit caches a method's attributes by its IMethodInfo, and the rows of a parameterized
    // method share theirs; a wrapper per row would have NUnit read every attribute of the method (all its TestCase rows
    // included) once per row.
    private readonly ConcurrentDictionary<global::NUnit.Framework.Interfaces.IMethodInfo, HologramMethodInfo> _methods = new();

    private NUnitRun(Assembly assembly)
        : base(assembly, Framework)
    {
    }

    /// <summary>A run with the given configuration, for in-process tests.</summary>
    internal NUnitRun(Assembly assembly, HologramOptions options)
        : base(assembly, Framework, options)
    {
    }

    /// <summary>The run of an assembly (created on first use).</summary>
    public static NUnitRun For(Assembly assembly) => Runs.GetOrAdd(assembly, static a => new NUnitRun(a));

    /// <summary>The hook's wrapper of <paramref name="method"/>, the same instance for every test of that method.</summary>
    public HologramMethodInfo Wrap(global::NUnit.Framework.Interfaces.IMethodInfo method) =>
        method as HologramMethodInfo ?? _methods.GetOrAdd(method, static (m, run) => new HologramMethodInfo(m, run), this);
}
