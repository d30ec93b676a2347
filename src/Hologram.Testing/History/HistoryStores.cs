using Hologram.Testing.History.Storage;
namespace Hologram.Testing.History;

/// <summary>Opens the history store named by the <c>Store</c> setting: <c>sqlite:&lt;path&gt;</c> or a PostgreSQL connection string / URL.</summary>
public static class HistoryStores
{
    /// <summary>The schema version of the stores this version writes and reads.</summary>
    public const int SchemaVersion = 3;

    /// <summary>Opens the store synchronously; see <see cref="OpenAsync(string, string, CancellationToken)"/>.</summary>
    /// <param name="store">The <c>Store</c> setting, e.g. <c>sqlite:reports/hologram.db</c> or <c>Host=db;Username=ci;Database=hologram</c>.</param>
    /// <param name="repositoryRoot">The directory a relative SQLite path resolves against.</param>
    /// <returns>The open store, schema up to date.</returns>
    public static IHistoryStore Open(string store, string repositoryRoot) =>
        OpenAsync(store, repositoryRoot).ConfigureAwait(false).GetAwaiter().GetResult();

    /// <summary>
    /// Opens the store, creating the SQLite file (and its directory) when missing and applying schema migrations.
    /// Throws <see cref="ArgumentException"/> for a malformed store string and <see cref="HistoryStoreException"/> for
    /// a store that cannot be used (foreign or corrupt file, newer schema, unreachable server); both one line, no password.
    /// </summary>
    /// <param name="store">The <c>Store</c> setting.</param>
    /// <param name="repositoryRoot">The directory a relative SQLite path resolves against.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    /// <returns>The open store, schema up to date.</returns>
    public static Task<IHistoryStore> OpenAsync(string store, string repositoryRoot, CancellationToken cancellationToken = default) =>
        OpenAsync(store, repositoryRoot, alwaysCheck: false, cancellationToken);

    /// <summary>
    /// Like <see cref="OpenAsync(string, string, CancellationToken)"/>; with <paramref name="alwaysCheck"/> a SQLite file is
    /// read through for damage even when it is as its last clean close left it (<c>hologram doctor</c>).
    /// </summary>
    internal static async Task<IHistoryStore> OpenAsync(string store, string repositoryRoot, bool alwaysCheck, CancellationToken cancellationToken)
    {
        var location = StoreLocation.Parse(store, repositoryRoot);
        return location.IsSqlite
            ? await SqliteHistoryStore.OpenAsync(location.Target, alwaysCheck, cancellationToken).ConfigureAwait(false)
            : await PostgresHistoryStore.OpenAsync(location.Target, location.Description, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A description of <paramref name="store"/> safe for messages (no password), even when it does not parse.</summary>
    /// <param name="store">The <c>Store</c> setting.</param>
    /// <param name="repositoryRoot">The directory a relative SQLite path resolves against.</param>
    /// <returns>E.g. <c>sqlite:/repo/reports/hologram.db</c> or <c>postgresql://ci@db:5432/hologram</c>.</returns>
    public static string Describe(string store, string repositoryRoot)
    {
        try
        {
            return StoreLocation.Parse(store, repositoryRoot).Description;
        }
        catch (ArgumentException)
        {
            return StoreLocation.Mask(store ?? string.Empty);
        }
    }
}
