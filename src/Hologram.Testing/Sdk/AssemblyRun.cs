using System.Reflection;
using Hologram.Testing.Execution;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Sdk;

/// <summary>
/// One run of one test assembly, for an adapter whose framework decides shards and profile skips before any test runs:
/// the configuration read once (a configuration error kept, not thrown), the selection with the shard plan, and the
/// <see cref="AdapterRun"/> started by the first test that needs it and ended once.
/// </summary>
public class AssemblyRun
{
    private readonly Assembly _assembly;
    private readonly string _framework;
    private readonly Lock _gate = new();
    private AdapterRun? _run;

    /// <summary>Reads the configuration of <paramref name="assembly"/> (its folder, walking up).</summary>
    /// <param name="assembly">The test assembly.</param>
    /// <param name="framework">The adapter name recorded with the run, e.g. <c>nunit</c>.</param>
    protected AssemblyRun(Assembly assembly, string framework)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assembly = assembly;
        _framework = framework;
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

    /// <summary>A run with the given configuration (in-process tests of an adapter).</summary>
    /// <param name="assembly">The test assembly.</param>
    /// <param name="framework">The adapter name recorded with the run.</param>
    /// <param name="options">The configuration.</param>
    protected AssemblyRun(Assembly assembly, string framework, HologramOptions options)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentNullException.ThrowIfNull(options);
        _assembly = assembly;
        _framework = framework;
        Options = options;
        Selection = Select(options);
    }

    /// <summary>A run whose configuration failed to load (in-process tests of an adapter).</summary>
    /// <param name="assembly">The test assembly.</param>
    /// <param name="framework">The adapter name recorded with the run.</param>
    /// <param name="error">Why the configuration could not be used.</param>
    protected AssemblyRun(Assembly assembly, string framework, HologramConfigurationException error)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        _assembly = assembly;
        _framework = framework;
        ConfigurationError = error;
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
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Starts the run once (opens the store, loads quarantines) and returns it; later calls return the same run.</summary>
    public AdapterRun Start()
    {
        if (Volatile.Read(ref _run) is { } started)
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
                        _framework,
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

    // The same selection the session makes, shard plan included, decided before the framework runs anything.
    private static TestSelection Select(HologramOptions options) =>
        new(options, options.Shard is null ? null : ShardPlan.Load(ReportsLayout.For(options).ShardPlan));
}
