using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;
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
internal sealed class NUnitRun
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "nunit";

    private static readonly ConcurrentDictionary<Assembly, NUnitRun> Runs = new();
    // One wrapper per method: NUnit caches a method's attributes by its IMethodInfo, and the rows of a parameterized
    // method share theirs; a wrapper per row would have NUnit read every attribute of the method (all its TestCase rows
    // included) once per row.
    private readonly ConcurrentDictionary<global::NUnit.Framework.Interfaces.IMethodInfo, HologramMethodInfo> _methods = new();
    private readonly Assembly _assembly;
    private readonly object _gate = new();
    private AdapterRun? _run;

    private NUnitRun(Assembly assembly)
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
            Options = null;
            Selection = null;
        }
    }

    /// <summary>A run with the given configuration, for in-process tests.</summary>
    internal NUnitRun(Assembly assembly, HologramOptions options)
    {
        _assembly = assembly;
        Options = options;
        Selection = Select(options);
    }

    /// <summary>The configuration; null when it failed to load.</summary>
    public HologramOptions? Options { get; }

    /// <summary>Why the configuration could not be used, if it could not.</summary>
    public HologramConfigurationException? ConfigurationError { get; }

    /// <summary>Shard and profile decisions; null when the configuration failed to load.</summary>
    public TestSelection? Selection { get; }

    /// <summary>
    /// The clock of the run: the session, the history recorder and the quarantine policy take every recorded time from
    /// it. The system clock, except in in-process tests.
    /// </summary>
    internal TimeProvider Time { get; init; } = TimeProvider.System;

    // The same selection the session makes, shard plan included, decided once before NUnit runs anything.
    private static TestSelection Select(HologramOptions options) =>
        new(options, options.Shard is null ? null : ShardPlan.Load(ReportsLayout.For(options).ShardPlan));

    /// <summary>The run of an assembly (created on first use).</summary>
    /// <summary>The hook's wrapper of <paramref name="method"/>, the same instance for every test of that method.</summary>
    public HologramMethodInfo Wrap(global::NUnit.Framework.Interfaces.IMethodInfo method) =>
        method as HologramMethodInfo ?? _methods.GetOrAdd(method, static (m, run) => new HologramMethodInfo(m, run), this);

    public static NUnitRun For(Assembly assembly) => Runs.GetOrAdd(assembly, static a => new NUnitRun(a));

    /// <summary>Starts the run once (opens the store, loads quarantines) and returns it.</summary>
    public AdapterRun Start()
    {
        lock (_gate)
        {
            if (_run is null)
            {
                var options = Options;
                var error = ConfigurationError;
                _run = AdapterRun.StartAsync(
                        () => options ?? throw error!,
                        Framework,
                        _assembly.GetName().Name ?? "tests",
                        message => Console.Error.WriteLine(message),
                        Time)
                    .GetAwaiter().GetResult();
                if (_run.Session is { } session)
                {
                    HologramContext.Use(session.Options);
                }
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
}
