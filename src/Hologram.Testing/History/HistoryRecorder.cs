using Hologram.Testing.Reports;
using Hologram.Testing.History.Spool;
using Hologram.Testing.Sdk.Internal;
namespace Hologram.Testing.History;

/// <summary>
/// Records one run's attempts, flakes and perf measurements for a test-framework adapter. Every record goes first to a write-ahead journal
/// (<c>&lt;ReportsDir&gt;/spool/&lt;runId&gt;.jsonl</c>, handed to the OS at once) and then to the history store in large
/// batches sorted by test id (at most 16,384 attempts or 2 MiB of them, and at the end of the run), so that the
/// store's indexes are written in key order and once per batch rather than once per test. When the store cannot be
/// opened or fails mid-run, recording continues on the journal alone with one warning; the next run (or
/// <c>hologram flake ingest</c>) loads it. Nothing here throws into the test run.
/// </summary>
public sealed class HistoryRecorder : IAsyncDisposable
{
    /// <summary>
    /// The most attempts held for one store batch. Within a batch the attempts are written in test-id order in one
    /// transaction: per attempt that costs a fraction of small batches (whose index pages are rewritten on every
    /// commit). The journal holds every attempt meanwhile.
    /// </summary>
    internal const int StoreBatchSize = 16_384;

    /// <summary>
    /// The most bytes a store batch holds (encoded, <see cref="AttemptBatch"/>): a suite whose test ids carry long
    /// arguments reaches it long before <see cref="StoreBatchSize"/> attempts, which keeps the two batch buffers (one
    /// filling, one being written) small in the test host.
    /// </summary>
    internal const int StoreBatchBytes = 2 * 1024 * 1024;

    // How often the journal is forced to disk (fsync) while the run goes on; every record reaches the OS at once.
    private static readonly TimeSpan SyncInterval = TimeSpan.FromSeconds(1);

    private readonly RunInfo run;
    private readonly Action<string>? warn;
    private readonly TimeProvider time;
    private readonly string storeDescription;
    private readonly string journalPath;
    private readonly string journalDisplay;
    private readonly string spoolDirectory;
    private readonly string collisionsDisplay;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim signal = new(0);
    private readonly SemaphoreSlim storeGate = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private AttemptBatch pendingAttempts = new();
    // The batch last written, kept to take the next attempts (its buffers are reused).
    private AttemptBatch? spareBatch;
    private List<FlakeEvent> pendingFlakes = [];
    private List<PerfHistoryEntry> pendingPerf = [];
    private SpoolWriter? journal;
    private Task loop = Task.CompletedTask;
    // Records the journal could not take (disk full), in order; written before any newer record once there is room.
    private readonly Queue<Action<SpoolWriter>> journalBacklog = new();
    private volatile int journalBacklogCount;
    private int warnedStore;
    private int warnedJournal;
    private int warnedPerf;
    // The store does not record perf measurements (a third-party store): they stay in the journal, which is kept.
    private volatile bool perfUnsupported;
    private int recording;
    private RunCosts? costs;
    private volatile bool storeFailed;
    private bool journalFailed;
    private bool disposed;
    private int collisions;
    private string? firstCollision;
    private bool collisionsUnsaved;
    // The pending batch is full and the writer has been told (once per batch).
    private bool fullSignalled;

    private HistoryRecorder(
        RunInfo run, Action<string>? warn, TimeProvider time, string storeDescription, string journalPath, string journalDisplay, string spoolDirectory, string collisionsDisplay)
    {
        this.spoolDirectory = spoolDirectory;
        this.collisionsDisplay = collisionsDisplay;
        this.run = run;
        this.warn = warn;
        this.time = time;
        this.storeDescription = storeDescription;
        this.journalPath = journalPath;
        this.journalDisplay = journalDisplay;
    }

    /// <summary>The run being recorded.</summary>
    public RunInfo Run => run;

    /// <summary>The store being written, or null when it could not be opened (then everything goes to the journal only).</summary>
    public IHistoryStore? Store { get; private set; }

    /// <summary>The write-ahead journal of this run.</summary>
    public string JournalPath => journalPath;

    /// <summary>
    /// Opens the journal and the store named by <see cref="HologramOptions.Store"/>, records the start of
    /// <paramref name="run"/>, loads spool files left by earlier runs and starts background writing.
    /// </summary>
    /// <param name="options">Where the store and the reports directory are.</param>
    /// <param name="run">The run being recorded.</param>
    /// <param name="warn">Receives the single warning line when the store is unavailable.</param>
    /// <param name="timeProvider">The clock of the run (its end time); <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="ct">Cancels opening the store (recording then continues on the journal).</param>
    /// <returns>A recorder; never throws for an unavailable store.</returns>
    public static Task<HistoryRecorder> StartAsync(
        HologramOptions options, RunInfo run, Action<string>? warn = null, TimeProvider? timeProvider = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RootOf(options);
        return StartAsync(
            options, run, warn, token => HistoryStores.OpenAsync(options.Store, root, token), timeProvider ?? TimeProvider.System, ct);
    }

    internal static async Task<HistoryRecorder> StartAsync(
        HologramOptions options, RunInfo run, Action<string>? warn, Func<CancellationToken, Task<IHistoryStore>> openStore, TimeProvider time, CancellationToken ct)
    {
        var recorder = Start(options, run, warn, openStore, time, ct);
        await recorder.StoreReady.ConfigureAwait(false);
        return recorder;
    }

    /// <summary>
    /// Like <see cref="StartAsync(HologramOptions, RunInfo, Action{string}, TimeProvider, CancellationToken)"/>, but returns as soon as the
    /// journal is open: the store opens (and earlier spool files load) in the background while tests already run, and
    /// <see cref="StoreReady"/> tells when it is done. Records made meanwhile are journaled at once and reach the store
    /// after it opens.
    /// </summary>
    /// <param name="options">Where the store and the reports directory are.</param>
    /// <param name="run">The run being recorded.</param>
    /// <param name="warn">Receives the single warning line when the store is unavailable.</param>
    /// <returns>A recorder; never throws for an unavailable store.</returns>
    /// <param name="timeProvider">The clock of the run (its end time); <see cref="TimeProvider.System"/> by default.</param>
    public static HistoryRecorder Start(HologramOptions options, RunInfo run, Action<string>? warn = null, TimeProvider? timeProvider = null) =>
        Start(options, run, warn, timeProvider, null);

    internal static HistoryRecorder Start(HologramOptions options, RunInfo run, Action<string>? warn, TimeProvider? timeProvider, RunCosts? costs)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = RootOf(options);
        return Start(
            options, run, warn, token => HistoryStores.OpenAsync(options.Store, root, token), timeProvider ?? TimeProvider.System, CancellationToken.None, costs);
    }

    /// <summary>Completes when the store is open (with <see cref="Store"/> set) or known to be unavailable; never faults.</summary>
    public Task<IHistoryStore?> StoreReady { get; private set; } = Task.FromResult<IHistoryStore?>(null);

    private static HistoryRecorder Start(
        HologramOptions options, RunInfo run, Action<string>? warn, Func<CancellationToken, Task<IHistoryStore>> openStore, TimeProvider time, CancellationToken ct,
        RunCosts? costs = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(openStore);
        var root = RootOf(options);
        var layout = ReportsLayout.For(options);
        var spoolDirectory = layout.SpoolDirectory;
        var journalPath = layout.SpoolFile(run.RunId);
        var display = Path.GetRelativePath(root, journalPath);
        var recorder = new HistoryRecorder(
            run, warn, time, HistoryStores.Describe(options.Store, root), journalPath, display, spoolDirectory,
            Path.GetRelativePath(root, layout.SpoolCollisionsFile(run.RunId)));

        try
        {
            recorder.journal = SpoolWriter.Open(journalPath);
        }
        catch (Exception ex)
        {
            recorder.journalFailed = true;
            recorder.Warn(
                ref recorder.warnedJournal,
                $"hologram: history spool {display} cannot be opened ({Reason(ex)}); results go to the store {recorder.storeDescription} only");
        }

        recorder.WriteJournal(static (j, r) => j.WriteRun(r), run);

        recorder.costs = costs;
        recorder.StoreReady = Task.Run(() => recorder.OpenStoreAsync(openStore, spoolDirectory, ct), CancellationToken.None);
        recorder.loop = Task.Run(
            async () =>
            {
                // The run's first line is with the OS already (a killed test host keeps it); forcing it to disk takes
                // milliseconds to tens of them on a busy disk, which the test run does not wait for.
                recorder.SyncJournal();
                await recorder.StoreReady.ConfigureAwait(false);
                await recorder.RunLoopAsync().ConfigureAwait(false);
            },
            CancellationToken.None);
        return recorder;
    }

    private async Task<IHistoryStore?> OpenStoreAsync(Func<CancellationToken, Task<IHistoryStore>> openStore, string spoolDirectory, CancellationToken ct)
    {
        IHistoryStore? store = null;
        var started = costs?.Start() ?? 0;
        try
        {
            store = await openStore(ct).ConfigureAwait(false);
            await store.BeginRunAsync(run, ct).ConfigureAwait(false);
            Store = store;
            costs?.Add("storeOpen", started);
        }
        catch (Exception ex)
        {
            if (store is not null)
            {
                await DisposeQuietlyAsync(store).ConfigureAwait(false);
            }

            StoreFailed("unavailable", ex);
            return null;
        }

        try
        {
            started = costs?.Start() ?? 0;
            await SpoolIngestor.IngestExceptAsync(store, spoolDirectory, journalPath, ct).ConfigureAwait(false);
            costs?.Add("spoolIngest", started);
        }
        catch (Exception ex)
        {
            StoreFailed("failed while loading earlier spool files", ex);
        }

        return store;
    }

    /// <summary>Records one attempt: journal line written at once, store write batched. Thread-safe; never throws.</summary>
    /// <param name="attempt">The attempt; its error message and display name go through <see cref="HistoryRedaction"/> (a display name that reads as the test id is kept: adapters redact an id when they make it, <see cref="Sdk.TestIds.Create"/>).</param>
    public void Record(TestAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var redacted = attempt with
        {
            // A data row's display name is usually its test id, whose arguments were redacted when the id was made:
            // scanning the same text again would find nothing (and costs a scan of every argument on every test).
            DisplayName = string.Equals(attempt.DisplayName, attempt.TestId, StringComparison.Ordinal)
                ? attempt.TestId
                : HistoryRedaction.Apply(attempt.DisplayName) ?? string.Empty,
            ErrorMessage = HistoryRedaction.Apply(attempt.ErrorMessage),
        };
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            recording++;
        }

        // The journal line is serialized and written outside the recorder's lock: tests finishing together on
        // several threads do not wait for each other (the writer locks only around the write to the OS).
        var full = false;
        try
        {
            WriteJournal(static (j, a) => j.WriteAttempt(a), redacted);
        }
        finally
        {
            lock (gate)
            {
                pendingAttempts.Add(redacted);
                full = !fullSignalled && (pendingAttempts.Count >= StoreBatchSize || pendingAttempts.Bytes >= StoreBatchBytes);
                fullSignalled |= full;
                recording--;
            }
        }

        if (full)
        {
            signal.Release();
        }
    }

    /// <summary>Records flake evidence, like <see cref="Record"/>.</summary>
    /// <param name="flake">The flake event.</param>
    public void RecordFlake(FlakeEvent flake)
    {
        ArgumentNullException.ThrowIfNull(flake);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            WriteJournal(static (j, f) => j.WriteFlake(f), flake);
            pendingFlakes.Add(flake);
        }
    }

    /// <summary>
    /// Records one perf measurement, like <see cref="RecordFlake"/>: journal line written at once (a <c>perf</c> spool
    /// record), store write with the next batch, loaded exactly once by a later ingest when the store is unavailable.
    /// </summary>
    /// <param name="entry">The measurement; its <see cref="PerfHistoryEntry.RunId"/> should be this recorder's run.</param>
    public void RecordPerf(PerfHistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            WriteJournal(static (j, p) => j.WritePerf(p), entry);
            pendingPerf.Add(entry);
        }
    }

    /// <summary>Syncs the journal to disk and writes everything pending to the store.</summary>
    /// <param name="ct">Cancels waiting for a batch in progress.</param>
    /// <returns>A task that completes when the batch is written (or spooled).</returns>
    public Task FlushAsync(CancellationToken ct = default) => FlushStoreAsync(ct);

    /// <summary>Flushes, records the end of the run, and deletes the journal when everything reached the store.</summary>
    /// <returns>A task that completes when the recorder is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        // Records already past the check above finish their journal line and join the last batch.
        for (var spin = new SpinWait(); Volatile.Read(ref recording) > 0;)
        {
            spin.SpinOnce();
        }

        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The loop ends by cancellation.
        }

        await FlushStoreAsync(CancellationToken.None).ConfigureAwait(false);
        var endedAt = time.GetUtcNow();
        WriteJournal(static (j, end) => j.WriteEnd(end.RunId, end.EndedAt), (run.RunId, EndedAt: endedAt));
        if (Store is not null && !storeFailed)
        {
            try
            {
                await Store.EndRunAsync(run.RunId, endedAt).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                StoreFailed("failed", ex);
            }
        }

        WarnCollisions();
        // A collision the side file could not take stays in the journal, for the next ingest.
        var complete = Store is not null && !storeFailed && !collisionsUnsaved && !perfUnsupported;
        var unjournaled = DrainJournalBacklog();
        try
        {
            journal?.Dispose();
            if (complete && journal is not null)
            {
                // Everything is in the store: the journal (whole, or cut short by a full disk) is not needed.
                File.Delete(journalPath);
            }
        }
        catch (Exception ex)
        {
            // The journal stays; a later ingest replays it harmlessly (every write is idempotent).
            JournalFailed(ex);
        }

        if (!complete && unjournaled > 0)
        {
            Warn($"hologram: {unjournaled} history records of run {run.RunId} could not be written to {journalDisplay} or to the store {storeDescription}; they are not recorded");
        }

        if (Store is not null)
        {
            await DisposeQuietlyAsync(Store).ConfigureAwait(false);
        }

        stopping.Dispose();
        signal.Dispose();
        storeGate.Dispose();
    }

    private static string RootOf(HologramOptions options) =>
        string.IsNullOrEmpty(options.RepositoryRoot) ? Directory.GetCurrentDirectory() : options.RepositoryRoot;

    private static async Task DisposeQuietlyAsync(IHistoryStore store)
    {
        try
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Closing a failed store: nothing left to save.
        }
    }

    private async Task RunLoopAsync()
    {
        var token = stopping.Token;
        while (!token.IsCancellationRequested)
        {
            bool full;
            try
            {
                full = await signal.WaitAsync(SyncInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (full)
            {
                await FlushStoreAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                DrainJournalBacklog();
                SyncJournal();
            }
        }
    }

    private async Task FlushStoreAsync(CancellationToken ct)
    {
        // Until the store has opened (or failed), pending records stay pending: taking them now would drop them.
        await StoreReady.WaitAsync(ct).ConfigureAwait(false);
        await storeGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            AttemptBatch attempts;
            List<FlakeEvent> flakes;
            List<PerfHistoryEntry> perf;
            lock (gate)
            {
                attempts = pendingAttempts;
                flakes = pendingFlakes;
                perf = pendingPerf;
                pendingAttempts = spareBatch ?? new AttemptBatch();
                spareBatch = null;
                fullSignalled = false;
                pendingFlakes = [];
                pendingPerf = [];
            }

            try
            {
                if (attempts.Count == 0 && flakes.Count == 0 && perf.Count == 0)
                {
                    return;
                }

                DrainJournalBacklog();
                SyncJournal();
                if (Store is null || storeFailed)
                {
                    return;
                }

                try
                {
                    // In key order: each index page the batch touches is written once.
                    attempts.SortByTestId();
                    var collided = Store is Storage.SqlHistoryStore sql
                        ? await sql.AppendAttemptBatchAsync(attempts, CancellationToken.None).ConfigureAwait(false)
                        : await Store.AppendAttemptsReportingCollisionsAsync(attempts.ToList(), CancellationToken.None).ConfigureAwait(false);
                    if (collided.Count > 0)
                    {
                        KeepCollisions(collided);
                    }

                    await Store.AddFlakesAsync(flakes, CancellationToken.None).ConfigureAwait(false);
                    if (perf.Count > 0 && !perfUnsupported)
                    {
                        await AppendPerfAsync(Store, perf).ConfigureAwait(false);
                    }
                }
                catch (Exception ex)
                {
                    StoreFailed("failed", ex);
                }
            }
            finally
            {
                // The written (or spooled) batch takes the next attempts: its buffers are reused.
                attempts.Clear();
                lock (gate)
                {
                    spareBatch = attempts;
                }
            }
        }
        finally
        {
            storeGate.Release();
        }
    }

    private async Task AppendPerfAsync(IHistoryStore store, List<PerfHistoryEntry> perf)
    {
        try
        {
            await store.AppendPerfAsync(perf, CancellationToken.None).ConfigureAwait(false);
        }
        catch (NotSupportedException ex)
        {
            perfUnsupported = true;
            Warn(ref warnedPerf, $"hologram: history store {storeDescription} does not record perf measurements ({Reason(ex)}); they stay in {journalDisplay}");
        }
    }

    /// <summary>Attempts the store did not take (another result holds their key) go to the collisions side file.</summary>
    private void KeepCollisions(IReadOnlyList<TestAttempt> collided)
    {
        collisions += collided.Count;
        firstCollision ??= collided[0].TestId;
        try
        {
            CollisionLog.Append(spoolDirectory, collided);
        }
        catch (Exception)
        {
            collisionsUnsaved = true;
        }
    }

    /// <summary>The one line per run that says results collided, how many, and where they are kept.</summary>
    private void WarnCollisions()
    {
        if (collisions == 0 || warn is null)
        {
            return;
        }

        var results = collisions == 1 ? "1 result" : $"{collisions} results";
        var kept = collisionsUnsaved
            ? $"{collisionsDisplay} could not be written, so {journalDisplay} is kept with them"
            : $"{(collisions == 1 ? "it is" : "they are")} kept in {collisionsDisplay}";
        try
        {
            warn(HistoryStoreException.OneLine(
                $"hologram: {results} of run {run.RunId} collided with an earlier result under the same test id (first: {firstCollision}); {kept}"));
        }
        catch (Exception)
        {
            // A broken warning sink must not fail the test run.
        }
    }

    private void WriteJournal<T>(Action<SpoolWriter, T> write, T record)
    {
        if (journal is null)
        {
            return;
        }

        // The fast path takes no lock: a record goes straight to the OS unless older ones are waiting for room.
        if (journalBacklogCount == 0)
        {
            try
            {
                write(journal, record);
                return;
            }
            catch (Exception ex)
            {
                JournalFailed(ex);
            }
        }

        lock (journalBacklog)
        {
            journalBacklog.Enqueue(j => write(j, record));
            journalBacklogCount = journalBacklog.Count;
        }
    }

    /// <summary>Writes the records a full disk refused, oldest first; returns how many are still waiting.</summary>
    private int DrainJournalBacklog()
    {
        if (journal is null || journalBacklogCount == 0)
        {
            return 0;
        }

        lock (journalBacklog)
        {
            while (journalBacklog.TryPeek(out var next))
            {
                try
                {
                    next(journal);
                }
                catch (Exception ex)
                {
                    JournalFailed(ex);
                    break;
                }

                journalBacklog.Dequeue();
                journalBacklogCount = journalBacklog.Count;
            }

            if (journalBacklog.Count == 0)
            {
                journalFailed = false;
            }

            return journalBacklog.Count;
        }
    }

    private void SyncJournal()
    {
        try
        {
            journal?.Sync();
        }
        catch (Exception ex)
        {
            JournalFailed(ex);
        }
    }

    private void StoreFailed(string what, Exception error)
    {
        storeFailed = true;
        var where = journal is not null && !journalFailed
            ? $"results spooled to {journalDisplay}"
            : $"results kept in memory until the spool {journalDisplay} can be written";
        Warn(ref warnedStore, $"hologram: history store {storeDescription} {what} ({Reason(error)}); {where}");
    }

    private void JournalFailed(Exception error)
    {
        journalFailed = true;
        var still = Store is null || storeFailed
            ? "results are kept in memory and written to it as soon as there is room"
            : $"results still go to the store {storeDescription}";
        Warn(ref warnedJournal, $"hologram: history spool {journalDisplay} cannot be written ({Reason(error)}); {still}");
    }

    private void Warn(ref int once, string message)
    {
        if (Interlocked.Exchange(ref once, 1) == 0)
        {
            Warn(message);
        }
    }

    private void Warn(string message)
    {
        if (warn is null)
        {
            return;
        }

        try
        {
            warn(HistoryStoreException.OneLine(message));
        }
        catch (Exception)
        {
            // A broken warning sink must not fail the test run.
        }
    }

    private static string Reason(Exception error) => HistoryStoreException.OneLine(error.Message);
}
