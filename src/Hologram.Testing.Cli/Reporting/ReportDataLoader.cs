using Hologram.Testing.Cli.Store;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Gathers <see cref="ReportData"/> from the history store and the files under the reports directory.</summary>
internal static class ReportDataLoader
{
    /// <summary>Reads every source; <paramref name="stage"/> is told what is being read (for progress on a terminal).</summary>
    public static async Task<ReportData> LoadAsync(
        HologramOptions options,
        IHistoryBackend backend,
        TimeProvider time,
        ReportOptions report,
        Action<string>? stage = null,
        CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        stage?.Invoke("reading the history store, perf, chaos and E2E files");

        // The store is read while the files are parsed (and the perf regression gate bootstraps) on other threads.
        var historyTask = Task.Run(() => HistoryReader.ReadAsync(options, backend, now, report, cancellationToken), cancellationToken);
        var perfTask = Task.Run(
            async () => PerfReader.Read(options, report, await PerfHistorySource.LoadAsync(options, backend, DateTimeOffset.UnixEpoch, null, cancellationToken).ConfigureAwait(false)),
            cancellationToken);
        var chaos = ChaosReader.Read(options);
        var e2e = E2EReader.Read(options, report);
        var perf = await perfTask.ConfigureAwait(false);
        stage?.Invoke("reading the history store");
        var history = await historyTask.ConfigureAwait(false);
        return new ReportData
        {
            GeneratedAt = now,
            Profile = options.Profile,
            ReportsDir = options.ReportsDir,
            History = history,
            Perf = perf,
            Chaos = chaos,
            E2E = e2e,
        };
    }
}
