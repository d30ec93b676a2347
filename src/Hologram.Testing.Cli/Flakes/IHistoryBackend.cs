using Hologram.Testing.History;

namespace Hologram.Testing.Cli.Flakes;

/// <summary>How the flake commands reach the history store: opening it and loading spool files into it.</summary>
internal interface IHistoryBackend
{
    /// <summary>Opens the store configured in <paramref name="options"/>; throws when it cannot be reached.</summary>
    Task<IHistoryStore> OpenAsync(HologramOptions options, CancellationToken cancellationToken);

    /// <summary>Loads the spool files of <paramref name="spoolDirectory"/> into <paramref name="store"/>, each record exactly once.</summary>
    Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken);
}
