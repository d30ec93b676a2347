using System.Text;
using Hologram.Testing.Configuration;

namespace Hologram.Testing.Reports;

/// <summary>
/// Every file and folder Hologram writes under the reports directory (<c>ReportsDir</c>, default <c>reports/</c>), by
/// name. Writers and readers (the test packages and the <c>hologram</c> tool) take their paths from here, so a file is
/// always looked for where it was written. The names are part of the contract: CI scripts depend on them.
/// </summary>
public sealed class ReportsLayout
{
    /// <summary>The SQLite file of the default history store.</summary>
    public const string StoreFileName = "hologram.db";

    /// <summary>The folder of spool files (history recorded while the store was unreachable).</summary>
    public const string SpoolFolder = "spool";

    /// <summary>The folder, under <see cref="SpoolFolder"/>, of attempts kept aside because another result was stored under the same test id.</summary>
    public const string SpoolCollisionsFolder = "collisions";

    /// <summary>The folder of perf measurements.</summary>
    public const string PerfFolder = "perf";

    /// <summary>The folder, under <see cref="PerfFolder"/>, of each measurement's latest record with its raw samples.</summary>
    public const string PerfSamplesFolder = "samples";

    /// <summary>The perf baseline file, under <see cref="PerfFolder"/>.</summary>
    public const string PerfBaselineFileName = "baseline.json";

    /// <summary>The cold/warm cache profile file, under <see cref="PerfFolder"/>.</summary>
    public const string PerfCacheProfilesFileName = "cache_profiles.json";

    /// <summary>The BenchmarkDotNet artifacts folder, under <see cref="PerfFolder"/>.</summary>
    public const string PerfBenchmarkDotNetFolder = "benchmarkdotnet";

    /// <summary>The folder of chaos experiment and load-ramp reports and service process logs.</summary>
    public const string ChaosFolder = "chaos";

    /// <summary>The folder of the E2E step log.</summary>
    public const string E2EFolder = "e2e";

    /// <summary>The E2E step log file, under <see cref="E2EFolder"/>.</summary>
    public const string E2EEventsFileName = "events.jsonl";

    /// <summary>The shard plan file written by <c>hologram shard plan</c> and read by sharded runs.</summary>
    public const string ShardPlanFileName = "shard_plan.json";

    /// <summary>The HTML report written by <c>hologram report</c>.</summary>
    public const string IndexHtmlFileName = "index.html";

    /// <summary>The per-test flake export written by <c>hologram flake export</c>.</summary>
    public const string FlakeDatabaseFileName = "flake_database.json";

    /// <summary>The active-quarantine export written by <c>hologram flake export</c>.</summary>
    public const string QuarantinedTestsFileName = "quarantined_tests.json";

    /// <summary>The layout under <paramref name="directory"/>.</summary>
    /// <param name="directory">The reports directory, as configured (<see cref="HologramOptions.ReportsDir"/>).</param>
    public ReportsLayout(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = directory;
    }

    /// <summary>The reports directory.</summary>
    public string Directory { get; }

    /// <summary>
    /// <c>&lt;ReportsDir&gt;/hologram.db</c>: where the default store (<c>sqlite:reports/hologram.db</c>, relative to the
    /// repository root) keeps its file when <c>ReportsDir</c> is the default <c>reports/</c> too.
    /// </summary>
    public string StoreFile => Path.Combine(Directory, StoreFileName);

    /// <summary><c>&lt;ReportsDir&gt;/spool</c>: spool files, one per run.</summary>
    public string SpoolDirectory => Path.Combine(Directory, SpoolFolder);

    /// <summary><c>&lt;ReportsDir&gt;/perf</c>: one CSV per measurement, the baseline and the cache profiles.</summary>
    public string PerfDirectory => Path.Combine(Directory, PerfFolder);

    /// <summary><c>&lt;ReportsDir&gt;/perf/samples</c>: each measurement's latest record with its raw samples.</summary>
    public string PerfSamplesDirectory => Path.Combine(PerfDirectory, PerfSamplesFolder);

    /// <summary><c>&lt;ReportsDir&gt;/perf/baseline.json</c>.</summary>
    public string PerfBaseline => Path.Combine(PerfDirectory, PerfBaselineFileName);

    /// <summary><c>&lt;ReportsDir&gt;/perf/cache_profiles.json</c>.</summary>
    public string PerfCacheProfiles => Path.Combine(PerfDirectory, PerfCacheProfilesFileName);

    /// <summary><c>&lt;ReportsDir&gt;/perf/benchmarkdotnet</c>: BenchmarkDotNet's artifacts.</summary>
    public string PerfBenchmarkDotNetDirectory => Path.Combine(PerfDirectory, PerfBenchmarkDotNetFolder);

    /// <summary><c>&lt;ReportsDir&gt;/chaos</c>.</summary>
    public string ChaosDirectory => Path.Combine(Directory, ChaosFolder);

    /// <summary><c>&lt;ReportsDir&gt;/e2e</c>.</summary>
    public string E2EDirectory => Path.Combine(Directory, E2EFolder);

    /// <summary><c>&lt;ReportsDir&gt;/e2e/events.jsonl</c>: the E2E step log.</summary>
    public string E2EEvents => Path.Combine(E2EDirectory, E2EEventsFileName);

    /// <summary><c>&lt;ReportsDir&gt;/shard_plan.json</c>.</summary>
    public string ShardPlan => Path.Combine(Directory, ShardPlanFileName);

    /// <summary><c>&lt;ReportsDir&gt;/index.html</c>: the HTML report.</summary>
    public string IndexHtml => Path.Combine(Directory, IndexHtmlFileName);

    /// <summary><c>&lt;ReportsDir&gt;/flake_database.json</c>.</summary>
    public string FlakeDatabase => Path.Combine(Directory, FlakeDatabaseFileName);

    /// <summary><c>&lt;ReportsDir&gt;/quarantined_tests.json</c>.</summary>
    public string QuarantinedTests => Path.Combine(Directory, QuarantinedTestsFileName);

    /// <summary>
    /// The layout of <paramref name="options"/>' reports directory; <c>&lt;RepositoryRoot&gt;/reports</c> (or the current
    /// directory's <c>reports</c>) when the options name none.
    /// </summary>
    /// <param name="options">The settings.</param>
    public static ReportsLayout For(HologramOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrEmpty(options.ReportsDir))
        {
            return new ReportsLayout(options.ReportsDir);
        }

        var root = string.IsNullOrEmpty(options.RepositoryRoot) ? System.IO.Directory.GetCurrentDirectory() : options.RepositoryRoot;
        return new ReportsLayout(Path.Combine(root, BuiltInProfiles.DefaultReportsDir));
    }

    /// <summary><c>&lt;ReportsDir&gt;/spool/&lt;runId&gt;.jsonl</c>, the run id made file-name-safe.</summary>
    /// <param name="runId">The run.</param>
    public string SpoolFile(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return Path.Combine(SpoolDirectory, Portable(runId, whenEmpty: string.Empty) + ".jsonl");
    }

    /// <summary><c>&lt;ReportsDir&gt;/spool/collisions</c>: attempts kept aside because another result was stored under the same run, test id and attempt.</summary>
    public string SpoolCollisionsDirectory => Path.Combine(SpoolDirectory, SpoolCollisionsFolder);

    /// <summary><c>&lt;ReportsDir&gt;/spool/collisions/&lt;runId&gt;.jsonl</c>, the run id made file-name-safe.</summary>
    /// <param name="runId">The run.</param>
    public string SpoolCollisionsFile(string runId)
    {
        ArgumentNullException.ThrowIfNull(runId);
        return Path.Combine(SpoolCollisionsDirectory, Portable(runId, whenEmpty: string.Empty) + ".jsonl");
    }

    /// <summary><c>&lt;ReportsDir&gt;/perf/&lt;name&gt;.csv</c>: every sample set of a measurement, one line each.</summary>
    /// <param name="measurement">The measurement name.</param>
    public string PerfCsv(string measurement) => Path.Combine(PerfDirectory, PerfFileName(measurement) + ".csv");

    /// <summary><c>&lt;ReportsDir&gt;/perf/samples/&lt;name&gt;.json</c> (warm) or <c>&lt;name&gt;.cold.json</c>: the latest record of a measurement.</summary>
    /// <param name="measurement">The measurement name.</param>
    /// <param name="cold">Whether it is the cold-cache profile.</param>
    public string PerfSamples(string measurement, bool cold = false) =>
        Path.Combine(PerfSamplesDirectory, PerfFileName(measurement) + (cold ? ".cold" : string.Empty) + ".json");

    /// <summary><c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.json</c>: a chaos experiment or load-ramp report.</summary>
    /// <param name="name">The experiment or ramp name.</param>
    public string ChaosReport(string name) => Path.Combine(ChaosDirectory, ChaosReportFileName(name));

    /// <summary><c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.log</c>: a service process's output.</summary>
    /// <param name="name">The service name.</param>
    public string ChaosLog(string name) => Path.Combine(ChaosDirectory, ChaosLogFileName(name));

    /// <summary>The file-system-safe form of a measurement name used in perf file names: letters, digits, '.', '-', '_'; anything else becomes '_'.</summary>
    /// <param name="measurement">The measurement name.</param>
    public static string PerfFileName(string measurement)
    {
        ArgumentNullException.ThrowIfNull(measurement);
        return Portable(measurement.Trim(), whenEmpty: "_");
    }

    /// <summary><c>&lt;name&gt;.json</c>, the name made file-name-safe: the file name of a chaos report in any folder.</summary>
    /// <param name="name">The experiment or ramp name.</param>
    public static string ChaosReportFileName(string name) => ChaosFileName(name) + ".json";

    /// <summary><c>&lt;name&gt;.log</c>, the name made file-name-safe: the file name of a service process log in any folder.</summary>
    /// <param name="name">The service name.</param>
    public static string ChaosLogFileName(string name) => ChaosFileName(name) + ".log";

    // Chaos names keep every character the file system allows; whitespace and invalid characters become '-'.
    private static string ChaosFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var invalid = Path.GetInvalidFileNameChars();
        var chars = name.Select(c => invalid.Contains(c) || char.IsWhiteSpace(c) ? '-' : c).ToArray();
        return chars.Length == 0 ? "unnamed" : new string(chars);
    }

    // Letters, digits, '.', '-' and '_' as they are; anything else becomes '_': the same name on every OS.
    private static string Portable(string text, string whenEmpty)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        }

        return builder.Length == 0 ? whenEmpty : builder.ToString();
    }
}
