using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;

namespace Hologram.Testing.Sdk.Internal;

/// <summary>
/// The fixed cost of a run in one test process, phase by phase (configuration, store open, spool ingest, quarantine
/// lookup, flush, flake policy, close), measured in process. Off unless <c>HOLOGRAM_COSTS_FILE</c> names a file: then
/// each run appends one JSON line to it when it ends. A diagnostic for benchmarks (see <c>docs/benchmarks.md</c>);
/// measuring costs two timestamps per phase, never anything per test.
/// </summary>
internal sealed class RunCosts
{
    /// <summary>The environment variable naming the file the costs are appended to.</summary>
    public const string FileVariable = "HOLOGRAM_COSTS_FILE";

    private readonly ConcurrentDictionary<string, double> _phases = new(StringComparer.Ordinal);
    private readonly string? _file;

    private RunCosts(string? file) => _file = file;

    /// <summary>Costs for a new run: recording when <see cref="FileVariable"/> is set.</summary>
    public static RunCosts ForRun() => new(System.Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file ? file : null);

    /// <summary>True when the costs are written at the end of the run.</summary>
    public bool Enabled => _file is not null;

    /// <summary>A start timestamp for <see cref="Add"/> (zero when off).</summary>
    public long Start() => _file is null ? 0 : Stopwatch.GetTimestamp();

    /// <summary>Adds the time since <paramref name="start"/> to <paramref name="phase"/>.</summary>
    public void Add(string phase, long start)
    {
        if (_file is not null)
        {
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            _phases.AddOrUpdate(phase, ms, (_, total) => total + ms);
        }
    }

    /// <summary>Appends this run's line: <c>{"assembly":…,"framework":…,"attempts":n,"phases":{"start":ms,…}}</c>.</summary>
    public void Write(string framework, string assembly, long attempts)
    {
        if (_file is null)
        {
            return;
        }

        try
        {
            var line = JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["assembly"] = assembly,
                ["framework"] = framework,
                ["attempts"] = attempts,
                ["phases"] = _phases.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => Math.Round(p.Value, 2)),
            });
            using var file = new FileStream(_file, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
            file.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A diagnostic must never fail the run.
        }
    }
}
