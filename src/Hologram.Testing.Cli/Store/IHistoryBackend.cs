using Hologram.Testing.History;
using Hologram.Testing.History.Spool;
using Hologram.Testing.Cli.Flakes;

namespace Hologram.Testing.Cli.Store;

/// <summary>How the flake commands reach the history store: opening it and loading spool files into it.</summary>
internal interface IHistoryBackend
{
    /// <summary>Opens the store configured in <paramref name="options"/>; throws when it cannot be reached.</summary>
    Task<IHistoryStore> OpenAsync(HologramOptions options, CancellationToken cancellationToken);

    /// <summary>Like <see cref="OpenAsync"/>, but a SQLite file is read through for damage even when it is as its last clean close left it.</summary>
    Task<IHistoryStore> OpenCheckedAsync(HologramOptions options, CancellationToken cancellationToken) => OpenAsync(options, cancellationToken);

    /// <summary>Loads the spool files of <paramref name="spoolDirectory"/> into <paramref name="store"/>, each record exactly once.</summary>
    Task<SpoolIngestResult> IngestAsync(IHistoryStore store, string spoolDirectory, CancellationToken cancellationToken);

    /// <summary>
    /// Where the configured store would be when it does not exist yet (a SQLite file not created), so read-only commands
    /// can report it as absent instead of creating it; null when it exists or cannot be known without opening it.
    /// </summary>
    string? AbsentStore(HologramOptions options) => null;
}
