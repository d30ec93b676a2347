using Hologram.Testing.Execution;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Hologram.Testing.Xunit.Sdk;

/// <summary>What one run of a test assembly knows: its session (configuration, quarantines, recording), or why the configuration could not be used.</summary>
internal sealed class HologramRun : IAsyncDisposable
{
    /// <summary>The adapter name recorded with every run.</summary>
    public const string Framework = "xunit2";

    private HologramRun(TestRunSession? session, Exception? startupError)
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

    public static async Task<HologramRun> StartAsync(Func<HologramOptions> load, string assembly, IMessageSink diagnostics, TimeProvider time)
    {
        try
        {
            var options = load();
            var session = await TestRunSession.StartAsync(options, Framework, assembly, message =>
            {
                diagnostics.OnMessage(new DiagnosticMessage(message));
                Console.Error.WriteLine(message);
            }, time);
            return new HologramRun(session, null);
        }
        catch (HologramConfigurationException e)
        {
            return new HologramRun(null, e);
        }
    }

    private int _disposed;

    /// <summary>Ends the session once (flush, cross-run flakes, quarantine policy); later calls do nothing.</summary>
    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 && Session is { } session ? session.DisposeAsync() : ValueTask.CompletedTask;
}
