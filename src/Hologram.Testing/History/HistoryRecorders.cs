using System.Reflection;
using Hologram.Testing.Sdk;

namespace Hologram.Testing.History;

/// <summary>
/// Finds the recorder a record made outside the adapter (a perf measurement) goes to: the run of the test session that
/// records into the same store (registered by <see cref="TestRunSession"/>), or else a run of this process, opened on
/// first use for that store and closed when the process exits (or by <see cref="CloseProcessRunsAsync"/>). Its records
/// have the same guarantees as a session's: journaled at once, spooled while the store is unavailable, loaded exactly once.
/// </summary>
public static class HistoryRecorders
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, List<HistoryRecorder>> Sessions = new(StringComparer.Ordinal);
    private static readonly Dictionary<string, HistoryRecorder> ProcessRuns = new(StringComparer.Ordinal);
    private static readonly AsyncLocal<HistoryRecorder?> Scoped = new();
    private static bool s_exitHooked;

    /// <summary>
    /// The recorder for the store <paramref name="options"/> names, or null when recording is off
    /// (<c>Store</c> = <c>none</c>). Never throws for an unavailable store (its recorder spools).
    /// </summary>
    /// <param name="options">The configuration of the record (its <c>Store</c>, repository root and profile).</param>
    /// <returns>The session's recorder or this process's run for that store.</returns>
    public static HistoryRecorder? For(HologramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Store) || string.Equals(options.Store.Trim(), TestRunSession.NoStore, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var key = KeyOf(options);
        if (Scoped.Value is { } scoped && ScopedKey(scoped) == key)
        {
            return scoped;
        }

        lock (Gate)
        {
            if (Sessions.TryGetValue(key, out var sessions) && sessions.Count > 0)
            {
                return sessions[^1];
            }

            if (ProcessRuns.TryGetValue(key, out var existing))
            {
                return existing;
            }

            if (!s_exitHooked)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => CloseProcessRunsAsync().Wait(TimeSpan.FromSeconds(30));
                s_exitHooked = true;
            }

            var recorder = HistoryRecorder.Start(options, ProcessRun(options), static line => Console.Error.WriteLine(line));
            ProcessRuns[key] = recorder;
            return recorder;
        }
    }

    /// <summary>
    /// Closes the runs this process opened for records made outside a test session: everything reaches the store (or
    /// stays spooled), and the next record opens a new run. A session's recorder is closed by its session.
    /// </summary>
    /// <returns>A task that completes when they are closed.</returns>
    public static async Task CloseProcessRunsAsync()
    {
        List<HistoryRecorder> closing;
        lock (Gate)
        {
            closing = [.. ProcessRuns.Values];
            ProcessRuns.Clear();
        }

        foreach (var recorder in closing)
        {
            await recorder.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Makes <paramref name="recorder"/> the one records for its store go to while its session runs.</summary>
    internal static void Register(HistoryRecorder recorder, HologramOptions options)
    {
        var key = KeyOf(options);
        lock (Gate)
        {
            if (!Sessions.TryGetValue(key, out var list))
            {
                Sessions[key] = list = [];
            }

            list.Add(recorder);
            Keys[recorder] = key;
        }

        Scoped.Value = recorder;
    }

    /// <summary>Forgets a session's recorder (its session is ending).</summary>
    internal static void Unregister(HistoryRecorder recorder)
    {
        lock (Gate)
        {
            if (Keys.Remove(recorder, out var key) && Sessions.TryGetValue(key, out var list))
            {
                list.Remove(recorder);
            }
        }
    }

    private static readonly Dictionary<HistoryRecorder, string> Keys = [];

    private static string? ScopedKey(HistoryRecorder recorder)
    {
        lock (Gate)
        {
            return Keys.GetValueOrDefault(recorder);
        }
    }

    private static string KeyOf(HologramOptions options) => HistoryStores.Describe(options.Store, RootOf(options));

    private static string RootOf(HologramOptions options) =>
        string.IsNullOrEmpty(options.RepositoryRoot) ? Directory.GetCurrentDirectory() : options.RepositoryRoot;

    private static RunInfo ProcessRun(HologramOptions options)
    {
        var metadata = RunMetadata.Detect(options.Environment, options.RepositoryRoot);
        return new RunInfo
        {
            RunId = Guid.NewGuid().ToString("N"),
            BuildId = metadata.BuildId,
            Commit = metadata.Commit,
            Branch = metadata.Branch,
            Profile = options.Profile,
            Host = Environment.MachineName,
            Framework = "none",
            Assembly = Assembly.GetEntryAssembly()?.GetName().Name ?? "unknown",
            StartedAt = DateTimeOffset.UtcNow,
            CiProvider = metadata.CiProvider,
            CiUrl = metadata.CiUrl,
        };
    }
}
