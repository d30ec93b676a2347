using System.Data.Common;
using Npgsql;

namespace Hologram.Testing.History.Storage;

/// <summary>
/// The shared history store on a PostgreSQL server, for a fleet of CI runners: same schema as SQLite with native types,
/// migrations serialised by a transaction-scoped advisory lock, a recorder's attempts sent with one binary COPY per batch,
/// other rows in statement batches.
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

    // Version 3: test ids kept once in `tests`, attempt rows in `results` by test number, `attempts` a view of the
    // version 2 columns; a version 2 database's attempts move over in the migration's transaction, ids kept.
    private static readonly string[] SchemaV3 =
    [
        "CREATE TABLE tests (test_key bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, test_id text NOT NULL UNIQUE, class_name text NOT NULL)",
        "CREATE TABLE results (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, run_id text NOT NULL, test_key bigint NOT NULL, attempt integer NOT NULL, "
            + "display_name text, class_name text, categories text NOT NULL, outcome text NOT NULL, duration_ms double precision NOT NULL, "
            + "is_final boolean NOT NULL, quarantined boolean NOT NULL, error_message text, error_signature text, finished_at timestamptz NOT NULL, "
            + "UNIQUE (run_id, test_key, attempt))",
        .. SchemaV3Moves(overridingIds: " OVERRIDING SYSTEM VALUE"),
        "SELECT setval(pg_get_serial_sequence('results', 'id'), COALESCE((SELECT MAX(id) FROM results), 0) + 1, false)",
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
    /// <remarks>
    /// One binary <c>COPY</c> of the batch into a temporary table, then one <c>INSERT … SELECT … ON CONFLICT DO
    /// NOTHING</c> that returns the keys it inserted: two round trips and two statements per batch instead of a
    /// statement per attempt (parsed and planned each time) in batches of 500.
    /// </remarks>
    protected override async ValueTask<List<int>?> InsertAttemptRowsAsync(
        DbConnection connection, DbTransaction transaction, AttemptBatch batch, CancellationToken cancellationToken)
    {
        var c = (NpgsqlConnection)connection;
        var tx = (NpgsqlTransaction)transaction;
        const string Columns =
            "run_id, test_id, attempt, display_name, class_name, categories, outcome, duration_ms, is_final, quarantined, error_message, error_signature, finished_at";
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS hologram_attempts_in (ord integer NOT NULL, run_id text NOT NULL, test_id text NOT NULL, "
                + "attempt integer NOT NULL, display_name text NOT NULL, class_name text NOT NULL, categories text NOT NULL, outcome text NOT NULL, "
                + "duration_ms double precision NOT NULL, is_final boolean NOT NULL, quarantined boolean NOT NULL, error_message text, "
                + "error_signature text, finished_at timestamptz NOT NULL) ON COMMIT DELETE ROWS",
            c,
            tx))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var keys = new (string RunId, string TestId, int Attempt)[batch.Count];
        await using (var import = await c.BeginBinaryImportAsync(
            $"COPY hologram_attempts_in (ord, {Columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            for (var i = 0; i < batch.Count; i++)
            {
                keys[i] = WriteRow(import, i, batch[i]);
            }

            await import.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }

        // The batch's new tests first, in id order (concurrent writers then wait for each other's rows in one order and
        // never deadlock), then its attempts by test number; display and class names are kept where they differ.
        await using (var tests = new NpgsqlCommand(
            "INSERT INTO tests (test_id, class_name) SELECT DISTINCT ON (test_id) test_id, class_name FROM hologram_attempts_in ORDER BY test_id, ord "
                + "ON CONFLICT DO NOTHING",
            c,
            tx))
        {
            await tests.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var inserted = new HashSet<(string, string, int)>();
        await using (var insert = new NpgsqlCommand(
            $"WITH ins AS (INSERT INTO results ({ResultColumns}) SELECT i.run_id, t.test_key, i.attempt, NULLIF(i.display_name, i.test_id), "
                + "NULLIF(i.class_name, t.class_name), i.categories, i.outcome, i.duration_ms, i.is_final, i.quarantined, i.error_message, i.error_signature, "
                + "i.finished_at FROM hologram_attempts_in i JOIN tests t ON t.test_id = i.test_id ORDER BY i.ord ON CONFLICT DO NOTHING "
                + "RETURNING run_id, test_key, attempt) SELECT ins.run_id, t.test_id, ins.attempt FROM ins JOIN tests t ON t.test_key = ins.test_key",
            c,
            tx))
        await using (var reader = await insert.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
            }
        }

        // A key inserted by this batch counts for its first row; a later row with the same key changed nothing.
        var unchanged = new List<int>();
        for (var i = 0; i < keys.Length; i++)
        {
            if (!inserted.Remove(keys[i]))
            {
                unchanged.Add(i);
            }
        }

        return unchanged;
    }

    private static (string RunId, string TestId, int Attempt) WriteRow(NpgsqlBinaryImporter import, int ord, AttemptBatch.Row row)
    {
        var runId = System.Text.Encoding.UTF8.GetString(row.RunId);
        var testId = System.Text.Encoding.UTF8.GetString(row.TestId);
        import.StartRow();
        import.Write(ord, NpgsqlTypes.NpgsqlDbType.Integer);
        import.Write(runId, NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(testId, NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(row.Attempt, NpgsqlTypes.NpgsqlDbType.Integer);
        import.Write(System.Text.Encoding.UTF8.GetString(row.DisplayName), NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(System.Text.Encoding.UTF8.GetString(row.ClassName), NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(System.Text.Encoding.UTF8.GetString(row.CategoriesJson), NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(OutcomeName(row.Outcome), NpgsqlTypes.NpgsqlDbType.Text);
        import.Write(row.DurationMs, NpgsqlTypes.NpgsqlDbType.Double);
        import.Write(row.IsFinal, NpgsqlTypes.NpgsqlDbType.Boolean);
        import.Write(row.Quarantined, NpgsqlTypes.NpgsqlDbType.Boolean);
        WriteOptional(import, row.HasErrorMessage, row.ErrorMessage);
        WriteOptional(import, row.HasErrorSignature, row.ErrorSignature);
        import.Write(row.FinishedAt.ToUniversalTime(), NpgsqlTypes.NpgsqlDbType.TimestampTz);
        return (runId, testId, row.Attempt);
    }

    private static void WriteOptional(NpgsqlBinaryImporter import, bool present, ReadOnlySpan<byte> value)
    {
        if (present)
        {
            import.Write(System.Text.Encoding.UTF8.GetString(value), NpgsqlTypes.NpgsqlDbType.Text);
        }
        else
        {
            import.WriteNull();
        }
    }

    /// <inheritdoc/>
    /// <remarks>The schema's tables with their indexes and TOAST data, in the current schema (not the whole database).</remarks>
    protected override async Task<long> SizeBytesAsync(CancellationToken cancellationToken)
    {
        await using var c = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = Command(c, null,
            "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(@p0)",
            (object)StorageTables);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

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
            await ApplyAsync(c, tx, version, 3, SchemaV3, cancellationToken).ConfigureAwait(false);
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
