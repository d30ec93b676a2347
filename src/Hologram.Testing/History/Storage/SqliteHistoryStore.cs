using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Hologram.Testing.History.Storage;

/// <summary>
/// The embedded history store: one SQLite file in WAL mode, shared safely by several processes (busy timeout, writes
/// under <c>BEGIN IMMEDIATE</c>). A file that is not a Hologram history database is refused, never reset.
/// </summary>
internal sealed class SqliteHistoryStore : SqlHistoryStore
{
    private const int BusyTimeoutSeconds = 30;

    private static readonly string[] SchemaV1 =
    [
        "CREATE TABLE runs (run_id TEXT NOT NULL PRIMARY KEY, build_id TEXT, commit_sha TEXT, branch TEXT, profile TEXT NOT NULL, shard TEXT, "
            + "host TEXT NOT NULL, framework TEXT NOT NULL, assembly TEXT NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER, ci_provider TEXT, ci_url TEXT)",
        "CREATE INDEX ix_runs_started ON runs (started_at)",
        "CREATE INDEX ix_runs_commit ON runs (commit_sha)",
        "CREATE TABLE attempts (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, test_id TEXT NOT NULL, attempt INTEGER NOT NULL, "
            + "display_name TEXT NOT NULL, class_name TEXT NOT NULL, categories TEXT NOT NULL, outcome TEXT NOT NULL, duration_ms REAL NOT NULL, "
            + "is_final INTEGER NOT NULL, quarantined INTEGER NOT NULL, error_message TEXT, error_signature TEXT, finished_at INTEGER NOT NULL, "
            + "UNIQUE (run_id, test_id, attempt))",
        "CREATE INDEX ix_attempts_test ON attempts (test_id, is_final, outcome, run_id, finished_at)",
        "CREATE TABLE flakes (id INTEGER PRIMARY KEY, test_id TEXT NOT NULL, run_id TEXT NOT NULL, kind TEXT NOT NULL, commit_sha TEXT, "
            + "detected_at INTEGER NOT NULL, error_signature TEXT, UNIQUE (test_id, run_id, kind))",
        "CREATE INDEX ix_flakes_detected ON flakes (detected_at)",
        "CREATE TABLE quarantine (test_id TEXT NOT NULL PRIMARY KEY, since INTEGER NOT NULL, reason TEXT NOT NULL, by_whom TEXT NOT NULL, "
            + "manual INTEGER NOT NULL, until_at INTEGER)",
        "CREATE TABLE audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, test_id TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL, by_whom TEXT NOT NULL)",
        "CREATE INDEX ix_audit_test ON audit (test_id, id)",
    ];

    // Version 2: perf measurements (added in place to a version 1 file; nothing else changes).
    private static readonly string[] SchemaV2 =
    [
        "CREATE TABLE perf (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, name TEXT NOT NULL, phase TEXT NOT NULL, profile TEXT NOT NULL, "
            + "environment TEXT NOT NULL, commit_sha TEXT, branch TEXT, samples INTEGER NOT NULL, p50_ms REAL NOT NULL, p95_ms REAL NOT NULL, "
            + "p95_lower_ms REAL NOT NULL, p95_upper_ms REAL NOT NULL, mean_ms REAL NOT NULL, measured_at INTEGER NOT NULL, UNIQUE (run_id, name, phase))",
        "CREATE INDEX ix_perf_name ON perf (name, environment, profile, measured_at)",
        "CREATE INDEX ix_perf_measured ON perf (measured_at)",
    ];

    // Version 3: a test's id is kept once, in `tests`, and each attempt row (`results`) refers to it by number; `attempts`
    // becomes a view of the version 2 columns, so what reads it reads on. A version 2 file's attempts move over in the
    // migration's transaction, ids and all.
    private static readonly string[] SchemaV3 =
    [
        "CREATE TABLE tests (test_key INTEGER PRIMARY KEY, test_id TEXT NOT NULL UNIQUE, class_name TEXT NOT NULL)",
        "CREATE TABLE results (id INTEGER PRIMARY KEY, run_id TEXT NOT NULL, test_key INTEGER NOT NULL, attempt INTEGER NOT NULL, "
            + "display_name TEXT, class_name TEXT, categories TEXT NOT NULL, outcome TEXT NOT NULL, duration_ms REAL NOT NULL, "
            + "is_final INTEGER NOT NULL, quarantined INTEGER NOT NULL, error_message TEXT, error_signature TEXT, finished_at INTEGER NOT NULL, "
            + "UNIQUE (run_id, test_key, attempt))",
        .. SchemaV3Moves(overridingIds: string.Empty),
    ];

    private static readonly byte[] Header = "SQLite format 3\0"u8.ToArray();

    // First line of the check stamp (see CheckStampPath); a stamp of another form is ignored.
    private const string StampFormat = "hologram-store-check 1";

    private readonly string path;
    private readonly string connectionString;
    private bool opened;
    // The file was known sound when opened (checked, new, or as the last clean close left it): the close may stamp it.
    private bool knownSound;

    private SqliteHistoryStore(string path)
    {
        this.path = path;
        Description = "sqlite:" + path;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = BusyTimeoutSeconds,
        }.ToString();
    }

    /// <inheritdoc/>
    public override string Description { get; }

    /// <summary>
    /// Where the store notes the file as its last clean close left it (length and last write time): a file that still
    /// reads so was written by nothing but SQLite since, and is not read through again at open.
    /// </summary>
    internal string CheckStampPath => path + ".checked";

    /// <summary>Opens (creating when missing) the database at <paramref name="path"/> and brings its schema up to date.</summary>
    public static Task<SqliteHistoryStore> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, alwaysCheck: false, cancellationToken);

    /// <summary>
    /// Opens the database at <paramref name="path"/>. An existing file is read through (<c>PRAGMA quick_check</c>)
    /// before anything writes to it, unless it is exactly as the last clean close left it (<see cref="CheckStampPath"/>)
    /// and <paramref name="alwaysCheck"/> is false: the check reads every page, so on a history of many runs it would
    /// cost every test process seconds.
    /// </summary>
    internal static async Task<SqliteHistoryStore> OpenAsync(string path, bool alwaysCheck, CancellationToken cancellationToken)
    {
        var store = new SqliteHistoryStore(path);
        try
        {
            // Before anything could write to it (even switching the journal mode rewrites the header).
            if (store.CheckFile() && (alwaysCheck || !store.MatchesCheckStamp()))
            {
                await store.CheckIntegrityAsync(cancellationToken).ConfigureAwait(false);
            }

            store.knownSound = true;

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            store.opened = true;
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(connectionString);
        if (opened)
        {
            opened = false;
            if (await CheckpointAsync().ConfigureAwait(false) && knownSound)
            {
                WriteCheckStamp();
            }
        }

        // Close pooled handles so the file can be moved, cached or deleted once the store is done.
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>
    /// Moves everything in the write-ahead log into the database file and empties the log
    /// (<c>PRAGMA wal_checkpoint(TRUNCATE)</c>), so the <c>.db</c> file alone holds every committed row once a run
    /// ends. Another process still reading or writing can keep the log busy; then the last one to finish completes it.
    /// </summary>
    /// <returns>True when the log was emptied into the file.</returns>
    private async Task<bool> CheckpointAsync()
    {
        try
        {
            await using var c = (SqliteConnection)await OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
            await using (var timeout = c.CreateCommand())
            {
                timeout.CommandText = "PRAGMA busy_timeout = 2000";
                await timeout.ExecuteNonQueryAsync().ConfigureAwait(false);
            }

            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await using var reader = await cmd.ExecuteReaderAsync().ConfigureAwait(false);
            // One row: busy (1 when another connection kept the checkpoint from completing), log frames, checkpointed frames.
            return await reader.ReadAsync().ConfigureAwait(false) && reader.GetInt64(0) == 0;
        }
        catch (SqliteException)
        {
            // A checkpoint is housekeeping: the rows are committed in the log and the next close checkpoints them.
            return false;
        }
    }

    // The file's length and last write time, as the stamp keeps them.
    private string FileState()
    {
        var file = new FileInfo(path);
        return file.Exists ? $"{file.Length} {file.LastWriteTimeUtc.Ticks}" : string.Empty;
    }

    private bool MatchesCheckStamp()
    {
        try
        {
            var lines = File.ReadAllLines(CheckStampPath);
            return lines is [StampFormat, var state, ..] && state.Length > 0 && state == FileState();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    // After a completed checkpoint: the file as SQLite left it. Without the stamp (not writable, lost with a CI cache
    // of the .db alone) the next open checks the file again; a stamp that no longer matches does the same.
    private void WriteCheckStamp()
    {
        var temporary = $"{CheckStampPath}.{Environment.ProcessId}.tmp";
        try
        {
            File.WriteAllText(temporary, $"{StampFormat}\n{FileState()}\n");
            File.Move(temporary, CheckStampPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception again) when (again is IOException or UnauthorizedAccessException)
            {
                // Nothing to clean up.
            }
        }
    }

    private async Task CheckIntegrityAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        try
        {
            var readOnly = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
            await using var c = new SqliteConnection(readOnly);
            await c.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA quick_check(3)"; // the connection string's DefaultTimeout is the busy timeout
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                problems.Add(reader.GetString(0));
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 or 26)
        {
            throw Foreign($"is corrupt ({e.Message.Trim()})", e);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }

        if (problems is not ["ok"])
        {
            throw Foreign($"is corrupt (quick_check: {string.Join("; ", problems)})");
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000}; PRAGMA synchronous = NORMAL;";
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    protected override async ValueTask<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // BEGIN IMMEDIATE: take the write lock up front so the busy timeout applies (a deferred read-then-write upgrade
        // fails at once with SQLITE_BUSY when another process writes).
        await Task.CompletedTask.ConfigureAwait(false);
        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// One statement prepared per batch and stepped per row, each text bound from the batch's UTF-8 bytes (SQLite
    /// copies them): the provider's parameter layer would box every value and transcode every string to a new array,
    /// a few kilobytes of garbage per attempt when test ids carry long arguments. Values are stored as the provider
    /// stores them (booleans as 0/1, times as Unix milliseconds), so both paths read alike.
    /// </remarks>
    protected override ValueTask<List<int>?> InsertAttemptRowsAsync(DbConnection connection, DbTransaction transaction, AttemptBatch batch, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InsertAttemptRows((SqliteConnection)connection, batch));

    private static List<int>? InsertAttemptRows(SqliteConnection connection, AttemptBatch batch)
    {
        if (connection.Handle is not { } db)
        {
            return null;
        }

        var unchanged = new List<int>();
        Check(db, raw.sqlite3_prepare_v2(db, "SELECT test_key, class_name FROM tests WHERE test_id = ?1", out var findTest));
        using (findTest)
        {
            Check(db, raw.sqlite3_prepare_v2(db, "INSERT INTO tests (test_id, class_name) VALUES (?1, ?2)", out var addTest));
            using (addTest)
            {
                Check(db, raw.sqlite3_prepare_v2(db,
                    $"INSERT INTO results ({ResultColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) ON CONFLICT DO NOTHING",
                    out var statement));
                using (statement)
                {
                    // The test's number and class name as stored; a test's attempts (its retries) are next to each other
                    // in a batch sorted by test id, so one lookup serves them all.
                    var testKey = 0L;
                    var classDiffers = false;
                    var first = -1;
                    for (var i = 0; i < batch.Count; i++)
                    {
                        var row = batch[i];
                        if (first < 0 || !row.TestId.SequenceEqual(batch[first].TestId))
                        {
                            first = i;
                            (testKey, classDiffers) = FindOrAddTest(db, findTest, addTest, row);
                        }

                        raw.sqlite3_bind_text(statement, 1, row.RunId);
                        raw.sqlite3_bind_int64(statement, 2, testKey);
                        raw.sqlite3_bind_int64(statement, 3, row.Attempt);
                        BindOptional(statement, 4, !row.DisplayName.SequenceEqual(row.TestId), row.DisplayName);
                        // Kept when it differs from the test's (checked on the test's first row of the batch).
                        BindOptional(statement, 5, classDiffers || !row.ClassName.SequenceEqual(batch[first].ClassName), row.ClassName);
                        raw.sqlite3_bind_text(statement, 6, row.CategoriesJson);
                        raw.sqlite3_bind_text16(statement, 7, OutcomeName(row.Outcome));
                        raw.sqlite3_bind_double(statement, 8, row.DurationMs);
                        raw.sqlite3_bind_int64(statement, 9, row.IsFinal ? 1 : 0);
                        raw.sqlite3_bind_int64(statement, 10, row.Quarantined ? 1 : 0);
                        BindOptional(statement, 11, row.HasErrorMessage, row.ErrorMessage);
                        BindOptional(statement, 12, row.HasErrorSignature, row.ErrorSignature);
                        raw.sqlite3_bind_int64(statement, 13, row.FinishedAt.ToUnixTimeMilliseconds());
                        Step(db, statement);
                        if (raw.sqlite3_changes(db) == 0)
                        {
                            unchanged.Add(i);
                        }

                        raw.sqlite3_reset(statement);
                    }
                }
            }
        }

        return unchanged;
    }

    // The number of the row's test (created with the row's class name when the store has not seen the test yet), and
    // whether the row's class name differs from the one the test was stored with.
    private static (long Key, bool ClassDiffers) FindOrAddTest(sqlite3 db, sqlite3_stmt find, sqlite3_stmt add, AttemptBatch.Row row)
    {
        raw.sqlite3_bind_text(find, 1, row.TestId);
        try
        {
            var rc = raw.sqlite3_step(find);
            if (rc == raw.SQLITE_ROW)
            {
                return (raw.sqlite3_column_int64(find, 0), !raw.sqlite3_column_blob(find, 1).SequenceEqual(row.ClassName));
            }

            if (rc != raw.SQLITE_DONE)
            {
                throw Error(db, rc);
            }
        }
        finally
        {
            raw.sqlite3_reset(find);
        }

        raw.sqlite3_bind_text(add, 1, row.TestId);
        raw.sqlite3_bind_text(add, 2, row.ClassName);
        Step(db, add);
        raw.sqlite3_reset(add);
        return (raw.sqlite3_last_insert_rowid(db), false);
    }

    private static void Step(sqlite3 db, sqlite3_stmt statement)
    {
        if (raw.sqlite3_step(statement) is var rc && rc != raw.SQLITE_DONE)
        {
            throw Error(db, rc);
        }
    }

    private static void BindOptional(sqlite3_stmt statement, int index, bool present, ReadOnlySpan<byte> value)
    {
        if (present)
        {
            raw.sqlite3_bind_text(statement, index, value);
        }
        else
        {
            raw.sqlite3_bind_null(statement, index);
        }
    }

    private static void Check(sqlite3 db, int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw Error(db, rc);
        }
    }

    // The provider's own exception, so that Translate sees what it sees from the provider.
    private static SqliteException Error(sqlite3 db, int rc) =>
        new(raw.sqlite3_errmsg(db).utf8_to_string(), rc, raw.sqlite3_extended_errcode(db));

    /// <inheritdoc/>
    protected override Task<long> SizeBytesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(FileLength(path) + FileLength(path + "-wal"));

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="file"/> while other processes keep writing
    /// (<c>VACUUM INTO</c> reads one snapshot of the WAL database): compacted, without a log, ready to open as a store.
    /// The copy is written next to the target and renamed over it, so a failed backup leaves no partial file.
    /// </summary>
    internal async Task BackupToAsync(string file, CancellationToken cancellationToken)
    {
        var temporary = file + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            await using (var c = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            await using (var vacuum = Command(c, null, "VACUUM INTO @p0", temporary))
            {
                await vacuum.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception ex) when (Translate(ex) is { } translated)
        {
            throw translated;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static long FileLength(string file) => File.Exists(file) ? new FileInfo(file).Length : 0;

    /// <inheritdoc/>
    protected override object ToDb(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    /// <inheritdoc/>
    protected override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    /// <inheritdoc/>
    protected override Exception? Translate(Exception error) => error switch
    {
        HistoryStoreException => null,
        SqliteException { SqliteErrorCode: 26 or 11 } e => Foreign($"is not a SQLite database or is corrupt ({e.Message.Trim()})", e),
        SqliteException { SqliteErrorCode: 5 or 6 } e => new HistoryStoreException($"History store {Description} is locked by another process ({e.Message.Trim()}).", e),
        _ => null,
    };

    private HistoryStoreException Foreign(string problem, Exception? inner = null) =>
        new($"History store file '{path}' {problem}; refusing to use or reset it. Move it away or point Store at another file.", inner);

    /// <summary>Refuses a directory or a file that is not SQLite; true when there is a database to check.</summary>
    private bool CheckFile()
    {
        if (Directory.Exists(path))
        {
            throw Foreign("is a directory");
        }

        if (!File.Exists(path))
        {
            return false;
        }

        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return false;
        }

        var head = new byte[Header.Length];
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }

        if (!head.AsSpan().SequenceEqual(Header))
        {
            throw Foreign("is not a SQLite database");
        }

        return true;
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var c = (SqliteConnection)await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (var wal = c.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode = WAL";
                await wal.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            }

            // BEGIN IMMEDIATE: concurrent first starts queue here; the first creates the schema, the others see it.
            await using var tx = c.BeginTransaction(deferred: false);
            var tables = new List<string>();
            await using (var list = Command(c, tx, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var version = 0;
            if (tables.Contains("schema_version"))
            {
                await using var read = Command(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
                version = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (tables.Count > 0)
            {
                throw Foreign($"is a SQLite database of something else (tables: {string.Join(", ", tables.Order(StringComparer.Ordinal).Take(5))}; no schema_version)");
            }
            else
            {
                await using var create = Command(c, tx, "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at INTEGER NOT NULL)");
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (version > CurrentSchemaVersion)
            {
                throw Foreign($"has schema version {version}, newer than this Hologram understands ({CurrentSchemaVersion}); upgrade Hologram.Testing");
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
