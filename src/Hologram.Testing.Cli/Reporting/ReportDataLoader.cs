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
        stage?.Invoke("reading the history store");
        var history = await HistoryReader.ReadAsync(options, backend, now, report, cancellationToken).ConfigureAwait(false);
        stage?.Invoke("reading perf records");
        var perf = PerfReader.Read(options, report);
        stage?.Invoke("reading chaos reports");
        var chaos = ChaosReader.Read(options);
        stage?.Invoke("reading the E2E event log");
        var e2e = E2EReader.Read(options, report);
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
