using Hologram.Testing.History;
using Hologram.Testing.History.Spool;
using Hologram.Testing.History.Storage;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Store;

/// <summary>The real history backend: the SQLite or PostgreSQL store named by <see cref="HologramOptions.Store"/>.</summary>
internal sealed class HistoryBackend : IHistoryBackend
{
    public static readonly HistoryBackend Instance = new();

    private HistoryBackend()
    {
    }

    public Task<IHistoryStore> OpenAsync(HologramOptions options, CancellationToken cancellationToken) =>
        HistoryStores.OpenAsync(options.Store, options.RepositoryRoot, cancellationToken);

    public Task<IHistoryStore> OpenCheckedAsync(HologramOptions options, CancellationToken cancellationToken) =>
        HistoryStores.OpenAsync(options.Store, options.RepositoryRoot, alwaysCheck: true, cancellationToken);

    public string? AbsentStore(HologramOptions options)
    {
        try
        {
            var location = StoreLocation.Parse(options.Store, options.RepositoryRoot);
            // A directory where the database file should be is not an absent store: opening it reports it as unreadable.
            return location.IsSqlite && !File.Exists(location.Target) && !Directory.Exists(location.Target) ? location.Target : null;
        }
        catch (ArgumentException)
        {
            // A malformed Store setting: opening it reports the problem.
            return null;
        }
    }

    public Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken) =>
        SpoolIngestor.IngestAsync(store, spoolDirectory, cancellationToken);
}
