using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>The real history backend: the SQLite or PostgreSQL store named by <see cref="HologramOptions.Store"/>.</summary>
internal sealed class HistoryBackend : IHistoryBackend
{
    public static readonly HistoryBackend Instance = new();

    private HistoryBackend()
    {
    }

    public Task<IHistoryStore> OpenAsync(HologramOptions options, CancellationToken cancellationToken) =>
        HistoryStores.OpenAsync(options.Store, options.RepositoryRoot, cancellationToken);

    public Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken) =>
        SpoolIngestor.IngestAsync(store, spoolDirectory, cancellationToken);
}
