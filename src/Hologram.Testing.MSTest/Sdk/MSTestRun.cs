using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.MSTest.Sdk;

/// <summary>
/// One run of one MSTest test assembly: the configuration (for shards and profile skips) and the
/// <see cref="AdapterRun"/> (session, recording), started by the assembly's first test and ended after its last.
/// </summary>
/// <remarks>
/// The run ends in the <c>[AssemblyCleanup]</c> the package's targets add (<see cref="HologramRunEnd"/>), and, failing
/// that, when the process exits. Every attempt is in the run's journal as soon as it is recorded: a test host ended
/// before the store is written loses nothing, the next run or <c>hologram flake ingest</c> loads it.
/// </remarks>
internal sealed class MSTestRun : AssemblyRun
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "mstest";

    private static readonly ConcurrentDictionary<Assembly, MSTestRun> Runs = new();
    private static int s_exitHooked;

    private MSTestRun(Assembly assembly)
        : base(assembly, Framework)
    {
    }

    /// <summary>A run with the given configuration, for in-process tests.</summary>
    internal MSTestRun(Assembly assembly, HologramOptions options)
        : base(assembly, Framework, options)
    {
    }

    /// <summary>A run whose configuration failed to load, for in-process tests.</summary>
    internal MSTestRun(Assembly assembly, HologramConfigurationException error)
        : base(assembly, Framework, error)
    {
    }

    /// <summary>The run of an assembly (created on first use; ended when the process exits).</summary>
    public static MSTestRun For(Assembly assembly)
    {
        if (Interlocked.Exchange(ref s_exitHooked, 1) == 0)
        {
            AppDomain.CurrentDomain.ProcessExit += static (_, _) => EndAll();
        }

        return Runs.GetOrAdd(assembly, static a => new MSTestRun(a));
    }

    /// <summary>Makes <paramref name="run"/> the run of <paramref name="assembly"/> until disposed, for in-process tests.</summary>
    internal static IDisposable Use(Assembly assembly, MSTestRun run)
    {
        Runs[assembly] = run;
        return new Restore(() =>
        {
            run.End();
            Runs.TryRemove(assembly, out _);
        });
    }

    /// <summary>Ends every run of the process (flush, cross-run flakes, quarantine policy).</summary>
    public static void EndAll()
    {
        foreach (var run in Runs.Values)
        {
            run.End();
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
