using System.Data.Common;
using Npgsql;

namespace Hologram.Testing.History.Storage;

/// <summary>
/// The shared history store on a PostgreSQL server, for a fleet of CI runners: same schema as SQLite with native types,
/// migrations serialised by a transaction-scoped advisory lock, rows sent in statement batches.
/// </summary>
internal sealed class PostgresHistoryStore : SqlHistoryStore
{
    // Arbitrary constant shared by every Hologram process: "hologram" as ASCII in the low bytes.
    private const long MigrationLockKey = 0x686F6C6F6772616D;

    private static readonly string[] SchemaV1 =
    [
        "CREATE TABLE runs (run_id text NOT NULL PRIMARY KEY, build_id text, commit_sha text, branch text, profile text NOT NULL, shard text, "
            + "host text NOT NULL, framework text NOT NULL, assembly text NOT NULL, started_at timestamptz NOT NULL, ended_at timestamptz, ci_provider text, ci_url text)",
        "CREATE INDEX ix_runs_started ON runs (started_at)",
        "CREATE INDEX ix_runs_commit ON runs (commit_sha)",
        "CREATE TABLE attempts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, run_id text NOT NULL, test_id text NOT NULL, attempt integer NOT NULL, "
            + "display_name text NOT NULL, class_name text NOT NULL, categories text NOT NULL, outcome text NOT NULL, duration_ms double precision NOT NULL, "
            + "is_final boolean NOT NULL, quarantined boolean NOT NULL, error_message text, error_signature text, finished_at timestamptz NOT NULL, "
            + "UNIQUE (run_id, test_id, attempt))",
        "CREATE INDEX ix_attempts_test ON attempts (test_id, is_final, outcome, run_id, finished_at) INCLUDE (id)",
        "CREATE TABLE flakes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, test_id text NOT NULL, run_id text NOT NULL, kind text NOT NULL, "
            + "commit_sha text, detected_at timestamptz NOT NULL, error_signature text, UNIQUE (test_id, run_id, kind))",
        "CREATE INDEX ix_flakes_detected ON flakes (detected_at)",
        "CREATE TABLE quarantine (test_id text NOT NULL PRIMARY KEY, since timestamptz NOT NULL, reason text NOT NULL, by_whom text NOT NULL, "
            + "manual boolean NOT NULL, until_at timestamptz)",
        "CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at timestamptz NOT NULL, test_id text NOT NULL, action text NOT NULL, "
            + "reason text NOT NULL, by_whom text NOT NULL)",
        "CREATE INDEX ix_audit_test ON audit (test_id, id)",
    ];

    // Version 2: perf measurements (added in place to a version 1 database; nothing else changes).
    private static readonly string[] SchemaV2 =
    [
        "CREATE TABLE perf (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, run_id text NOT NULL, name text NOT NULL, phase text NOT NULL, "
            + "profile text NOT NULL, environment text NOT NULL, commit_sha text, branch text, samples integer NOT NULL, p50_ms double precision NOT NULL, "
            + "p95_ms double precision NOT NULL, p95_lower_ms double precision NOT NULL, p95_upper_ms double precision NOT NULL, "
            + "mean_ms double precision NOT NULL, measured_at timestamptz NOT NULL, UNIQUE (run_id, name, phase))",
        "CREATE INDEX ix_perf_name ON perf (name, environment, profile, measured_at)",
        "CREATE INDEX ix_perf_measured ON perf (measured_at)",
    ];

    private readonly NpgsqlDataSource dataSource;

    private PostgresHistoryStore(string connectionString, string description)
    {
        Description = description;
        dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <summary>Connects and brings the schema up to date.</summary>
    public static async Task<PostgresHistoryStore> OpenAsync(string connectionString, string description, CancellationToken cancellationToken)
    {
        var store = new PostgresHistoryStore(connectionString, description);
        try
        {
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => dataSource.DisposeAsync();

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);

    /// <inheritdoc/>
    protected override object ToDb(DateTimeOffset value) => value.ToUniversalTime();

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <inheritdoc/>
    protected override Exception? Translate(Exception error) => error switch
    {
        HistoryStoreException => null,
        NpgsqlException e when e is not PostgresException || e.InnerException is System.Net.Sockets.SocketException =>
            new HistoryStoreException($"History store {Description} is unreachable ({e.Message.Trim()}).", e),
        PostgresException { SqlState: "28P01" or "28000" or "3D000" or "42501" } e =>
            new HistoryStoreException($"History store {Description} refused the connection ({e.SqlState}: {e.MessageText}).", e),
        _ => null,
    };

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var c = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await c.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockCommand = Command(c, tx, "SELECT pg_advisory_xact_lock(@p0)", MigrationLockKey))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var create = Command(c, tx, "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            int version;
            await using (var read = Command(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"))
            {
                version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (version > CurrentSchemaVersion)
            {
                throw new HistoryStoreException($"History store {Description} has schema version {version}, newer than this Hologram understands ({CurrentSchemaVersion}); upgrade Hologram.Testing.");
            }

            await ApplyAsync(c, tx, version, 1, SchemaV1, cancellationToken).ConfigureAwait(false);
            await ApplyAsync(c, tx, version, 2, SchemaV2, cancellationToken).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
    }
    /// <summary>Creates the tables of schema <paramref name="target"/> and records it, when the store is older.</summary>
    private async Task ApplyAsync(DbConnection c, DbTransaction tx, int version, int target, string[] statements, CancellationToken cancellationToken)
    {
        if (version >= target)
        {
            return;
        }

        foreach (var statement in statements)
        {
            await using var ddl = Command(c, tx, statement);
            await ddl.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var mark = Command(c, tx, "INSERT INTO schema_version (version, applied_at) VALUES (@p0, @p1)", target, ToDb(DateTimeOffset.UtcNow));
        await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
