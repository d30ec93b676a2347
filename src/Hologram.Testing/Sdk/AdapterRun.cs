using Hologram.Testing.Sdk.Internal;

namespace Hologram.Testing.Sdk;

/// <summary>
/// What one run of a test assembly knows, for any adapter: its <see cref="TestRunSession"/>, or the configuration error
/// that fails every test of the run. Ends the session once, however many times it is disposed.
/// </summary>
public sealed class AdapterRun : IAsyncDisposable
{
    private int _disposed;

    private AdapterRun(TestRunSession? session, Exception? startupError)
    {
        Session = session;
        StartupError = startupError;
    }

    /// <summary>The session; null when the configuration failed to load.</summary>
    public TestRunSession? Session { get; }

    /// <summary>The configuration error that fails every test of the run, if any.</summary>
    public Exception? StartupError { get; }

    /// <summary>Shard and profile decisions; null when the configuration failed to load.</summary>
    public TestSelection? Selection => Session?.Selection;

    /// <summary>Loads the configuration and starts the session; a configuration error is kept, not thrown.</summary>
    /// <param name="load">Loads the run's configuration.</param>
    /// <param name="framework">The adapter name recorded with the run, e.g. <c>xunit3</c>.</param>
    /// <param name="assembly">The test assembly's name.</param>
    /// <param name="warn">Where one-line warnings go.</param>
    /// <param name="timeProvider">The clock.</param>
    public static async Task<AdapterRun> StartAsync(
        Func<HologramOptions> load, string framework, string assembly, Action<string>? warn = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(load);
        warn = RunWarnings.Tee(warn);
        try
        {
            var costs = RunCosts.ForRun();
            var started = costs.Start();
            var options = load();
            if (options.Security.SecretsBaseline is not null)
            {
                // The configured known fakes apply to everything the run writes: store, reports, logs, events.
                Security.SecretRedactor.Default.UseAllowList(options.Security.AllowList);
            }

            costs.Add("configuration", started);
            var session = await TestRunSession.StartAsync(options, framework, assembly, warn, timeProvider, costs).ConfigureAwait(false);
            return new AdapterRun(session, null);
        }
        catch (HologramConfigurationException e)
        {
            // A bad setting or shard plan: the full message once in the run output, and every test of the run fails
            // with its one line alone: a copy that was never thrown carries no stack trace and no inner exception.
            Report(warn, e);
            return new AdapterRun(null, new HologramConfigurationException(e.Key, e.Value, e.Origin, e.Message));
        }
    }

    private static void Report(Action<string>? warn, HologramConfigurationException error)
    {
        if (warn is null)
        {
            return;
        }

        var cause = error.InnerException is { } inner && !error.Message.Contains(inner.Message, StringComparison.Ordinal)
            ? " (" + inner.Message.ReplaceLineEndings(" ") + ")"
            : string.Empty;
        try
        {
            warn("hologram: configuration error, every test of this run fails: " + error.Message + cause);
        }
        catch (Exception)
        {
            // A broken warning sink must not hide the configuration error from the tests.
        }
    }

    /// <summary>
    /// Begins a test case: the core decides whether it runs (a configuration error fails it, the profile may skip it)
    /// and how many attempts it gets; the returned <see cref="TestCaseRun"/> takes each attempt's observations.
    /// </summary>
    /// <param name="testCase">What the adapter knows of the test case.</param>
    public TestCaseRun BeginTestCase(TestCaseInfo testCase)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        var skipReason = testCase.SkippedByFramework ? null : Selection?.ProfileSkipReason(testCase.Categories);
        return new TestCaseRun(Session, testCase, StartupError, skipReason);
    }

    /// <summary>Loads the configuration of the test assembly at <paramref name="assemblyLocation"/> (its folder, walking up).</summary>
    /// <param name="assemblyLocation">The test assembly's file path, or empty when unknown.</param>
    public static HologramOptions LoadOptionsFor(string? assemblyLocation)
    {
        var directory = string.IsNullOrEmpty(assemblyLocation) ? AppContext.BaseDirectory : Path.GetDirectoryName(assemblyLocation)!;
        return HologramConfiguration.Load(HologramConfigurationSource.ForDirectory(directory));
    }

    /// <summary>Ends the session once (flush, cross-run flakes, quarantine policy); later calls do nothing.</summary>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 && Session is { } session ? session.DisposeAsync() : ValueTask.CompletedTask;
}
