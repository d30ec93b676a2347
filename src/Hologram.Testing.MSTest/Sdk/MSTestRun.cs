using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;
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
internal sealed class MSTestRun
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "mstest";

    private static readonly ConcurrentDictionary<Assembly, MSTestRun> Runs = new();
    private static int s_exitHooked;
    private readonly Assembly _assembly;
    private readonly Lock _gate = new();
    private AdapterRun? _run;

    private MSTestRun(Assembly assembly)
    {
        _assembly = assembly;
        try
        {
            Options = AdapterRun.LoadOptionsFor(assembly.Location);
            Selection = Select(Options);
        }
        catch (HologramConfigurationException e)
        {
            ConfigurationError = e;
        }
    }

    /// <summary>A run with the given configuration, for in-process tests.</summary>
    internal MSTestRun(Assembly assembly, HologramOptions options)
    {
        _assembly = assembly;
        Options = options;
        Selection = Select(options);
    }

    /// <summary>A run whose configuration failed to load, for in-process tests.</summary>
    internal MSTestRun(Assembly assembly, HologramConfigurationException error)
    {
        _assembly = assembly;
        ConfigurationError = error;
    }

    /// <summary>The configuration; null when it failed to load.</summary>
    public HologramOptions? Options { get; }

    /// <summary>Why the configuration could not be used, if it could not.</summary>
    public HologramConfigurationException? ConfigurationError { get; }

    /// <summary>Shard and profile decisions; null when the configuration failed to load.</summary>
    public TestSelection? Selection { get; }

    /// <summary>The clock of the run (the system clock, except in in-process tests).</summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

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

    /// <summary>Starts the run once (opens the store, loads quarantines) and returns it.</summary>
    public AdapterRun Start()
    {
        var started = Volatile.Read(ref _run);
        if (started is not null)
        {
            return started;
        }

        lock (_gate)
        {
            if (_run is null)
            {
                var options = Options;
                var error = ConfigurationError;
                var run = AdapterRun.StartAsync(
                        () => options ?? throw error!,
                        Framework,
                        _assembly.GetName().Name ?? "tests",
                        message => Console.Error.WriteLine(message),
                        Time)
                    .GetAwaiter().GetResult();
                if (run.Session is { } session)
                {
                    HologramContext.Use(session.Options);
                }

                Volatile.Write(ref _run, run);
            }

            return _run;
        }
    }

    /// <summary>Ends the run (flush, cross-run flakes, quarantine policy); a later start begins a new run.</summary>
    public void End()
    {
        AdapterRun? run;
        lock (_gate)
        {
            run = _run;
            _run = null;
        }

        run?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    // The same selection the session makes, shard plan included, decided before MSTest runs anything.
    private static TestSelection Select(HologramOptions options) =>
        new(options, options.Shard is null ? null : ShardPlan.Load(ReportsLayout.For(options).ShardPlan));

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
