using System.Collections.Concurrent;
using System.Reflection;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.TUnit.Sdk;

/// <summary>
/// One run of one TUnit test assembly: the <see cref="AdapterRun"/> (configuration, session, recording), started when
/// TUnit discovers the first test and ended after the assembly's last test (or, failing that, when the process exits),
/// and the test ids of the run.
/// </summary>
/// <remarks>
/// TUnit creates attribute instances per test, so the hook attribute on every test finds the run of its assembly here.
/// </remarks>
internal sealed class TUnitRun
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "tunit";

    private static readonly ConcurrentDictionary<Assembly, TUnitRun> Runs = new();
    private readonly Assembly _assembly;
    private readonly Lazy<Task<AdapterRun>> _run;
    private int _ended;

    private TUnitRun(Assembly assembly)
    {
        _assembly = assembly;
        _run = new(StartAsync);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => End();
    }

    /// <summary>The test ids of the run.</summary>
    public TUnitTestIds Ids { get; } = new();

    /// <summary>The run of an assembly (created on first use).</summary>
    public static TUnitRun For(Assembly assembly) => Runs.GetOrAdd(assembly, static a => new TUnitRun(a));

    /// <summary>The started run (opens the store and loads quarantines once).</summary>
    public Task<AdapterRun> Started => _run.Value;

    /// <summary>Ends the run once (flush, cross-run flakes, quarantine policy).</summary>
    public void End()
    {
        if (Interlocked.Exchange(ref _ended, 1) == 0 && _run.IsValueCreated)
        {
            _run.Value.GetAwaiter().GetResult().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task<AdapterRun> StartAsync()
    {
        var run = await AdapterRun.StartAsync(
                () => AdapterRun.LoadOptionsFor(_assembly.Location),
                Framework,
                _assembly.GetName().Name ?? "tests",
                Warn)
            .ConfigureAwait(false);
        if (run.Session is { } session)
        {
            HologramContext.Use(session.Options);
        }

        return run;
    }

    // TUnit routes Console.Error to the output of the test that is running; a run's warning belongs to the process.
    private static void Warn(string message)
    {
        using var error = new StreamWriter(Console.OpenStandardError());
        error.WriteLine(message);
    }
}
