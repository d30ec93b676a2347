using Hologram.Testing.Cli.Annotations;
using Hologram.Testing.Cli.Flakes;
using Hologram.Testing.Cli.Reporting;
using Hologram.Testing.History;
using Hologram.Testing.Perf;
using Hologram.Testing.Perf.Records;
using Hologram.Testing.Reports;

namespace Hologram.Testing.Cli.Doctor;

/// <summary>
/// What <c>hologram doctor</c> checks before a CI run: configuration, history store, services, budgets, the reports
/// directory and the clock. Each check is independent; a check that cannot run says why.
/// </summary>
internal static class ReadinessChecks
{
    /// <summary>How far in the future a recorded run may start before the clocks are called out of step.</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<ReadinessCheck>> RunAsync(CliContext context, IReadOnlyCollection<string> extraServices, CancellationToken cancellationToken)
    {
        var checks = new List<ReadinessCheck>();
        HologramOptions options;
        try
        {
            options = HologramConfiguration.Load(context.ConfigurationSource);
            checks.Add(new("configuration", true, $"valid; profile {options.Profile}, {(options.ConfigFile is null ? "no hologram.json (built-in defaults and environment)" : options.ConfigFile)}"));
        }
        catch (HologramConfigurationException ex)
        {
            var file = File.Exists(ex.Origin) ? ex.Origin : null;
            checks.Add(new("configuration", false, ReportText.OneLine(ex.Message), "correct that value in hologram.json or the environment variable named; `hologram config` shows every value and its origin",
                File: file, Line: file is null ? null : ConfigFileLine.Find(file, ex.Key)));
            checks.Add(new("other checks", false, "not run: they need a valid configuration", "fix the configuration first"));
            return checks;
        }

        var lifeCycle = new List<ReadinessCheck>();
        var (storeCheck, latestRun) = await StoreAsync(context, options, lifeCycle, cancellationToken).ConfigureAwait(false);
        checks.Add(storeCheck);
        checks.AddRange(lifeCycle);
        if (Collisions(options) is { } collisions)
        {
            checks.Add(collisions);
        }

        checks.AddRange(await ServicesAsync(options, extraServices).ConfigureAwait(false));
        checks.Add(Budgets(options));
        checks.Add(ReportsDirectory(context, options));
        checks.Add(Clock(context.Time.GetUtcNow(), latestRun));
        return checks;
    }

    private static async Task<(ReadinessCheck Check, DateTimeOffset? LatestRun)> StoreAsync(
        CliContext context, HologramOptions options, List<ReadinessCheck> lifeCycle, CancellationToken cancellationToken)
    {
        var description = HistoryStores.Describe(options.Store, options.RepositoryRoot);
        if (context.History.AbsentStore(options) is { } absent)
        {
            var directory = Path.GetDirectoryName(absent)!;
            var problem = WriteProbe(context, directory);
            return problem is null
                ? (new("history store", true, $"{description} does not exist yet; the first run creates it"), null)
                : (new("history store", false, $"{description} does not exist and cannot be created: {problem}", $"make {directory} writable, or point Store (HOLOGRAM_STORE) elsewhere"), null);
        }

        IHistoryStore store;
        try
        {
            store = await context.History.OpenCheckedAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = ReportText.OneLine(ex.Message);
            var fix = message.Contains("newer than", StringComparison.Ordinal)
                ? "upgrade Hologram.Testing to the version that wrote the store"
                : message.Contains("is corrupt", StringComparison.Ordinal)
                    ? "move the damaged file away (restore it from a backup or the CI cache, or let the next run start a new one); results are spooled to reports/spool meanwhile and `hologram flake ingest` loads them"
                    : "start the database server or fix Store (HOLOGRAM_STORE); results are spooled to reports/spool meanwhile and `hologram flake ingest` loads them";
            return (new("history store", false, $"{description} cannot be opened: {message}", fix), null);
        }

        try
        {
            var runs = await store.GetRunsAsync(1, cancellationToken).ConfigureAwait(false);
            if (await SizeAsync(context, options, store, cancellationToken).ConfigureAwait(false) is { } size)
            {
                lifeCycle.Add(size);
            }

            var latest = runs.Count == 0 ? "no runs yet" : $"latest run {ReportText.Time(runs[0].StartedAt)} UTC";
            // Opening a SQLite store ran PRAGMA quick_check: a damaged file is refused above.
            var integrity = store.Description.StartsWith("sqlite:", StringComparison.Ordinal) ? ", quick_check ok" : string.Empty;
            var finding = $"{store.Description} reachable, schema v{HistoryStores.SchemaVersion} (current){integrity}, {latest}";
            if (runs.Count > 0 && runs[0].EndedAt is null)
            {
                // A crashed test host leaves its run without an end: the store is usable, but that run's results are partial.
                return (new("history store", true, $"{finding}, incomplete: it has no end time (its test host crashed, or it is still running)",
                    "its results are partial; `hologram summary` and `hologram report` show it as incomplete", Warning: true), runs[0].StartedAt);
            }

            return (new("history store", true, finding), runs.Count == 0 ? null : runs[0].StartedAt);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return (new("history store", false, $"{store.Description} opened but cannot be read: {ReportText.OneLine(ex.Message)}", "check the database user's permissions"), null);
        }
        finally
        {
            await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// With <c>History:MaxSizeMb</c> or <c>History:RetentionDays</c> set: a warning when the store is larger than the
    /// limit or holds runs older than the retention (both mean <c>hologram store prune</c> is due), else a pass.
    /// </summary>
    private static async Task<ReadinessCheck?> SizeAsync(CliContext context, HologramOptions options, IHistoryStore store, CancellationToken cancellationToken)
    {
        var limits = options.History;
        if ((limits.MaxSizeMb == 0 && limits.RetentionDays == 0) || store is not History.Storage.SqlHistoryStore sql)
        {
            return null;
        }

        var stats = await sql.GetStatsAsync(cancellationToken).ConfigureAwait(false);
        var megabytes = stats.SizeBytes / 1_048_576.0;
        var size = ReportText.Number(megabytes, "0.0") + " MB";
        var problems = new List<string>();
        if (limits.MaxSizeMb > 0 && megabytes > limits.MaxSizeMb)
        {
            problems.Add($"{size}, above History:MaxSizeMb {limits.MaxSizeMb}");
        }

        var cutoff = context.Time.GetUtcNow().AddDays(-limits.RetentionDays);
        if (limits.RetentionDays > 0 && stats.OldestRun is { } oldest && oldest < cutoff)
        {
            problems.Add($"oldest run {ReportText.Time(oldest)} UTC, older than History:RetentionDays {limits.RetentionDays}");
        }

        var days = limits.RetentionDays > 0 ? limits.RetentionDays.ToString(System.Globalization.CultureInfo.InvariantCulture) : "<days>";
        return problems.Count == 0
            ? new("history store size", true, $"{size}{(limits.MaxSizeMb > 0 ? $" (limit {limits.MaxSizeMb} MB)" : string.Empty)}, {stats.Rows("attempts")} attempts")
            : new("history store size", true, string.Join("; ", problems),
                $"`hologram store prune --older-than {days}` removes old runs (back up first with `hologram store backup <file>`)", Warning: true);
    }

    private static async Task<IReadOnlyList<ReadinessCheck>> ServicesAsync(HologramOptions options, IReadOnlyCollection<string> extra)
    {
        var names = options.Services.Keys.Concat(extra).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (names.Count == 0)
        {
            return [new("services", true, "none configured (Services:<NAME> in hologram.json, or --service NAME)")];
        }

        var probe = new ServiceProbe(options.ServiceConnectTimeout);
        var checks = new List<ReadinessCheck>();
        foreach (var name in names)
        {
            var (endpoint, problem) = await Services.CheckAsync(name, options, probe).ConfigureAwait(false);
            checks.Add(problem is null
                ? new($"service {name}", true, $"{endpoint} accepts connections")
                : new($"service {name}", false, problem, $"start it, or correct Services:{name} in hologram.json (or the variable {name})"));
        }

        return checks;
    }

    private static ReadinessCheck Budgets(HologramOptions options)
    {
        var directory = ReportsLayout.For(options).PerfDirectory;
        var seen = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.csv"))
            {
                seen.Add(Path.GetFileNameWithoutExtension(file));
            }

            try
            {
                foreach (var record in PerfBaseline.LatestRecords(options.ReportsDir))
                {
                    seen.Remove(ReportsLayout.PerfFileName(record.Name));
                    seen.Add(record.Name);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or UnauthorizedAccessException)
            {
                // The CSV names are enough to check the budgets.
            }
        }

        if (seen.Count == 0)
        {
            return new("budgets", true, $"no perf measurement recorded under {directory} yet");
        }

        var missing = seen.Where(name => !options.Budgets.TryGetValue(name, out var b) || b.P95Ms <= 0).ToList();
        return missing.Count == 0
            ? new("budgets", true, $"defined in profile {options.Profile} for all {seen.Count} measurements ({string.Join(", ", seen)})")
            : new("budgets", false, $"no p95 budget in profile {options.Profile} for {string.Join(", ", missing)}",
                $"add \"Budgets\": {{ \"{missing[0]}\": {{ \"P95Ms\": … }} }} to hologram.json (or SLO_{missing[0].ToUpperInvariant()}_P95_MS)",
                File: options.ConfigFile, Line: ConfigFileLine.Find(options.ConfigFile, "Hologram:Budgets"));
    }

    /// <summary>A warning when results were kept aside because another result was stored under the same test id; null when none were.</summary>
    private static ReadinessCheck? Collisions(HologramOptions options)
    {
        var directory = ReportsLayout.For(options).SpoolCollisionsDirectory;
        var files = Directory.Exists(directory) ? Directory.GetFiles(directory, "*.jsonl") : [];
        if (files.Length == 0)
        {
            return null;
        }

        var results = files.Sum(f => File.ReadLines(f).Count(l => !string.IsNullOrWhiteSpace(l)));
        return new("test ids", true,
            $"{results} {(results == 1 ? "result" : "results")} in {files.Length} {(files.Length == 1 ? "run" : "runs")} collided with an earlier result under the same test id; kept in {directory}",
            "give those tests distinct ids (theory rows or test cases that read alike); remove the files once looked at", Warning: true);
    }

    private static ReadinessCheck ReportsDirectory(CliContext context, HologramOptions options)
    {
        var problem = WriteProbe(context, options.ReportsDir);
        return problem is null
            ? new("reports directory", true, $"{options.ReportsDir} is writable")
            : new("reports directory", false, $"{options.ReportsDir} is not writable: {problem}", "create it with write access for the CI user, or set ReportsDir (HOLOGRAM_REPORTS_DIR)");
    }

    private static ReadinessCheck Clock(DateTimeOffset now, DateTimeOffset? latestRun)
    {
        if (now.Year < 2024 || now.Year > 2100)
        {
            return new("clock", false, $"the system clock says {ReportText.Time(now)} UTC", "set the date (enable NTP); flake windows and quarantine expiry depend on it");
        }

        if (latestRun is { } started && started - now > ClockTolerance)
        {
            return new("clock", false, $"the latest run in the store started {ReportText.Duration((started - now).TotalMilliseconds)} in the future ({ReportText.Time(started)} UTC; now {ReportText.Time(now)} UTC)",
                "synchronise the clocks (NTP) of this machine and the runners that write the store");
        }

        return new("clock", true, $"{ReportText.Time(now)} UTC{(latestRun is { } s ? $", latest run {ReportText.Duration(Math.Max(0, (now - s).TotalMilliseconds))} ago" : string.Empty)}");
    }

    /// <summary>
    /// Null when a file can be created, written and flushed in <paramref name="directory"/>, else why not. The probe is
    /// opened delete-on-close, so it is gone whether the write succeeds or fails (a full disk leaves no empty file).
    /// </summary>
    private static string? WriteProbe(CliContext context, string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".hologram-doctor-{Guid.NewGuid():N}.tmp");
            using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.DeleteOnClose);
            var stream = context.FileStreams(file);
            stream.Write("ok"u8);
            stream.Flush();
            file.Flush(flushToDisk: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ReportText.OneLine(ex.Message);
        }
    }
}
