using Hologram.Testing.Cli.Store;
using Hologram.Testing.History;
using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>
/// The perf history the report and the <c>hologram perf</c> commands read: the history store's <c>perf</c> table when it
/// holds measurements in the window, else the CSV exports under <c>reports/perf/</c> (no store configured, the store
/// not created yet, or measurements taken before the store recorded them). CSV rows have no branch and no environment.
/// </summary>
internal sealed record PerfHistorySource
{
    /// <summary>The environment of a measurement read from a CSV export (the CSV files do not keep it).</summary>
    public const string UnknownEnvironment = "unknown";

    /// <summary>The measurements, oldest first.</summary>
    public required IReadOnlyList<PerfHistoryEntry> Entries { get; init; }

    /// <summary>Where they were read from, for messages: the store's description or the CSV directory.</summary>
    public required string Origin { get; init; }

    /// <summary>True when read from the history store.</summary>
    public bool FromStore { get; init; }

    /// <summary>Why the store was not read (it failed), or null.</summary>
    public string? Problem { get; init; }

    /// <summary>Reads measurements taken at or after <paramref name="since"/>, of <paramref name="branch"/> when given (the store only).</summary>
    public static async Task<PerfHistorySource> LoadAsync(
        HologramOptions options, IHistoryBackend backend, DateTimeOffset since, string? branch, CancellationToken cancellationToken)
    {
        string? problem = null;
        if (!StoreSession.IsOff(options) && backend.AbsentStore(options) is null)
        {
            try
            {
                var store = await backend.OpenAsync(options, cancellationToken).ConfigureAwait(false);
                await using (store.ConfigureAwait(false))
                {
                    var entries = await store.GetPerfAsync(since, branch, cancellationToken: cancellationToken).ConfigureAwait(false);
                    if (entries.Count > 0)
                    {
                        return new PerfHistorySource { Entries = entries, Origin = store.Description, FromStore = true };
                    }
                }
            }
            catch (NotSupportedException)
            {
                // A store that does not record perf measurements: the CSV exports are the history.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                problem = $"the history store {HistoryStores.Describe(options.Store, options.RepositoryRoot)} was not read: {ReportText.OneLine(ex.Message)}";
            }
        }

        var layout = ReportsLayout.For(options);
        return new PerfHistorySource { Entries = ReadCsv(layout.PerfDirectory, since), Origin = layout.PerfDirectory, Problem = problem };
    }

    /// <summary>Every well-formed row of every <c>*.csv</c> under <paramref name="directory"/> at or after <paramref name="since"/>, oldest first.</summary>
    public static IReadOnlyList<PerfHistoryEntry> ReadCsv(string directory, DateTimeOffset since)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var entries = new List<PerfHistoryEntry>();
        foreach (var file in Directory.GetFiles(directory, "*.csv").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            foreach (var row in PerfHistory.Read(file))
            {
                if (row.Timestamp < since)
                {
                    continue;
                }

                entries.Add(new PerfHistoryEntry
                {
                    RunId = row.Run,
                    Name = name,
                    Phase = PhaseName(row.Phase),
                    Profile = row.Profile,
                    Environment = UnknownEnvironment,
                    Commit = string.IsNullOrEmpty(row.Commit) ? null : row.Commit,
                    Samples = row.N,
                    P50Ms = row.P50,
                    P95Ms = row.P95,
                    P95LowerMs = row.P95Lower,
                    P95UpperMs = row.P95Upper,
                    MeanMs = row.Mean,
                    MeasuredAt = row.Timestamp,
                });
            }
        }

        // A stable sort: rows of one file keep their order when timestamps tie.
        return [.. entries.OrderBy(e => e.MeasuredAt)];
    }

    /// <summary>The phase as the store spells it.</summary>
    public static string PhaseName(PerfPhase phase) => phase == PerfPhase.Cold ? "cold" : "warm";

    /// <summary>The phase of a stored entry.</summary>
    public static PerfPhase PhaseOf(PerfHistoryEntry entry) =>
        string.Equals(entry.Phase, "cold", StringComparison.OrdinalIgnoreCase) ? PerfPhase.Cold : PerfPhase.Warm;
}
