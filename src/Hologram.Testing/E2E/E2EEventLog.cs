using Hologram.Testing.Reports;
using Hologram.Testing.Sdk;
using Hologram.Testing.Security;
using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hologram.Testing.E2E;

/// <summary>
/// The end-to-end step log, <c>&lt;ReportsDir&gt;/e2e/events.jsonl</c>: one JSON object per line with <c>ts</c>,
/// <c>run_id</c>, <c>test</c>, <c>step</c>, <c>status</c>, <c>duration_ms</c> and <c>data</c>.
/// </summary>
/// <remarks>
/// Safe when several processes append at once: each write takes an exclusive lock on <c>events.jsonl.lock</c> (an OS
/// file lock, released if the writer dies), appends one whole line at the current end of the file in a single write,
/// and releases the lock. Lines are never interleaved or lost. Readers need no lock: they ignore a last line without
/// its newline (a write in progress). The lock is void if file locking is disabled for .NET
/// (<c>DOTNET_SYSTEM_IO_DISABLEFILELOCKING</c>).
/// </remarks>
public sealed class E2EEventLog
{
    /// <summary>The file name under <c>&lt;ReportsDir&gt;/e2e/</c>.</summary>
    public const string FileName = ReportsLayout.E2EEventsFileName;

    private static readonly Lazy<string> ProcessRunId = new(() =>
        Environment.GetEnvironmentVariable("HOLOGRAM_RUN_ID") is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N"));

    private readonly E2EEventLogOptions _options;

    /// <summary>Opens (creating on first write) the log at <paramref name="path"/>.</summary>
    /// <param name="path">The log file; <c>&lt;ReportsDir&gt;/e2e/events.jsonl</c> when null.</param>
    /// <param name="runId">The run id; <c>HOLOGRAM_RUN_ID</c> or one id per process when null.</param>
    /// <param name="test">The test the events belong to; <c>unnamed</c> when null.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public E2EEventLog(string? path = null, string? runId = null, string? test = null, E2EEventLogOptions? options = null)
    {
        Path = System.IO.Path.GetFullPath(path ?? DefaultPath());
        RunId = string.IsNullOrWhiteSpace(runId) ? ProcessRunId.Value : runId;
        Test = string.IsNullOrWhiteSpace(test) ? "unnamed" : test;
        _options = options ?? new E2EEventLogOptions();
    }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>The run id written with every event.</summary>
    public string RunId { get; }

    /// <summary>The test name written with every event.</summary>
    public string Test { get; }

    /// <summary>The default log file: <c>&lt;ReportsDir&gt;/e2e/events.jsonl</c>.</summary>
    public static string DefaultPath() => ReportsLayout.For(HologramContext.Options).E2EEvents;

    /// <summary>The same log (file, run, options) for another test.</summary>
    /// <param name="test">The test name.</param>
    public E2EEventLog ForTest(string test) => new(Path, RunId, test, _options);

    /// <summary>Appends one event.</summary>
    /// <param name="step">The step name, e.g. <c>publish</c>.</param>
    /// <param name="status">One of <see cref="E2EStatus"/>.</param>
    /// <param name="duration">How long the step took, when timed.</param>
    /// <param name="data">Details; values are serialized as JSON and strings redacted.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock.</param>
    /// <returns>The event as written.</returns>
    public async Task<E2EEvent> WriteAsync(
        string step,
        string status,
        TimeSpan? duration = null,
        IEnumerable<KeyValuePair<string, object?>>? data = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        var e = new E2EEvent
        {
            Timestamp = _options.TimeProvider.GetUtcNow(),
            RunId = SecretRedactor.Default.Redact(RunId),
            Test = SecretRedactor.Default.Redact(Test),
            Step = SecretRedactor.Default.Redact(step),
            Status = status,
            DurationMs = duration is { } d ? Math.Round(d.TotalMilliseconds, 3) : null,
            Data = ToJson(data),
        };
        var line = Serialize(e);
        var written = await AppendAsync(line, cancellationToken).ConfigureAwait(false);
        return written == line ? e : Parse(written) ?? e;
    }

    /// <summary>Runs <paramref name="action"/> as step <paramref name="step"/>: times it and logs pass, fail (with the error) or skip.</summary>
    /// <param name="step">The step name.</param>
    /// <param name="action">The step.</param>
    public Task StepAsync(string step, Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return StepAsync<bool>(step, async _ =>
        {
            await action().ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Runs <paramref name="action"/> as step <paramref name="step"/> and returns its result; see <see cref="StepAsync(string, Func{Task})"/>.</summary>
    /// <param name="step">The step name.</param>
    /// <param name="action">The step.</param>
    public Task<T> StepAsync<T>(string step, Func<Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return StepAsync(step, _ => action());
    }

    /// <summary>Runs <paramref name="action"/> as step <paramref name="step"/>, which may add details to <see cref="E2EStep.Data"/>.</summary>
    /// <param name="step">The step name.</param>
    /// <param name="action">The step.</param>
    public Task StepAsync(string step, Func<E2EStep, Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return StepAsync<bool>(step, async s =>
        {
            await action(s).ConfigureAwait(false);
            return true;
        });
    }

    /// <summary>Runs <paramref name="action"/> as step <paramref name="step"/>, which may add details, and returns its result.</summary>
    /// <param name="step">The step name.</param>
    /// <param name="action">The step.</param>
    public async Task<T> StepAsync<T>(string step, Func<E2EStep, Task<T>> action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(step);
        ArgumentNullException.ThrowIfNull(action);
        var context = new E2EStep(step);
        var started = _options.TimeProvider.GetTimestamp();
        try
        {
            var result = await action(context).ConfigureAwait(false);
            await WriteAsync(step, E2EStatus.Pass, _options.TimeProvider.GetElapsedTime(started), context.Data).ConfigureAwait(false);
            return result;
        }
        catch (SkipException skip)
        {
            context.Data["reason"] = skip.Reason;
            await WriteAsync(step, E2EStatus.Skip, _options.TimeProvider.GetElapsedTime(started), context.Data).ConfigureAwait(false);
            throw;
        }
        catch (Exception ex)
        {
            context.Data["error"] = $"{ex.GetType().Name}: {ex.Message}";
            await WriteAsync(step, E2EStatus.Fail, _options.TimeProvider.GetElapsedTime(started), context.Data).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads every complete, well-formed event of the log at <paramref name="path"/>; counts the malformed lines.</summary>
    /// <param name="path">The log file.</param>
    /// <param name="malformedLines">Lines that are not an event object.</param>
    public static IReadOnlyList<E2EEvent> Read(string path, out int malformedLines)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        malformedLines = 0;
        var events = new List<E2EEvent>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var end = text.LastIndexOf('\n');
        foreach (var line in text[..(end + 1)].Split('\n'))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Parse(line) is { } e)
            {
                events.Add(e);
            }
            else
            {
                malformedLines++;
            }
        }

        return events;
    }

    /// <summary>Parses one line; null when it is not an event object.</summary>
    /// <param name="line">A line of the log.</param>
    public static E2EEvent? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        try
        {
            if (JsonNode.Parse(line) is not JsonObject o
                || o["ts"]?.GetValue<string>() is not { } ts
                || o["step"]?.GetValue<string>() is not { } step
                || o["status"]?.GetValue<string>() is not { } status)
            {
                return null;
            }

            return new E2EEvent
            {
                Timestamp = DateTimeOffset.Parse(ts, System.Globalization.CultureInfo.InvariantCulture),
                RunId = o["run_id"]?.GetValue<string>() ?? string.Empty,
                Test = o["test"]?.GetValue<string>() ?? string.Empty,
                Step = step,
                Status = status,
                DurationMs = o["duration_ms"] is JsonValue v && v.TryGetValue<double>(out var ms) ? ms : null,
                Data = o["data"] as JsonObject is { } data ? (JsonObject)data.DeepClone() : null,
                Prev = o["prev"]?.GetValue<string>(),
                Hash = o["hash"]?.GetValue<string>(),
            };
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private static JsonObject? ToJson(IEnumerable<KeyValuePair<string, object?>>? data)
    {
        if (data is null)
        {
            return null;
        }

        var json = new JsonObject();
        foreach (var (key, value) in data)
        {
            json[SecretRedactor.Default.Redact(key)] = SecretRedactor.Default.Redact(value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType()));
        }

        return json.Count == 0 ? null : json;
    }

    private static string Serialize(E2EEvent e)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ts", e.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            writer.WriteString("run_id", e.RunId);
            writer.WriteString("test", e.Test);
            writer.WriteString("step", e.Step);
            writer.WriteString("status", e.Status);
            if (e.DurationMs is { } ms)
            {
                writer.WriteNumber("duration_ms", ms);
            }
            else
            {
                writer.WriteNull("duration_ms");
            }

            writer.WritePropertyName("data");
            if (e.Data is null)
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                e.Data.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private async Task<string> AppendAsync(string line, CancellationToken cancellationToken)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        using var fileLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        if (_options.LineChain is { } chain)
        {
            line = chain(ReadLastLine(stream), line);
        }

        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        stream.Seek(0, SeekOrigin.End);
        await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        stream.Flush(_options.FlushToDisk);
        return line;
    }

    // Waits on the real clock, not _options.TimeProvider: a test's frozen fake clock must not stall other writers.
    private Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken) =>
        FileLock.OpenAsync(Path + ".lock", timeout: _options.LockTimeout, cancellationToken: cancellationToken);

    private static string? ReadLastLine(FileStream stream)
    {
        var length = stream.Length;
        if (length == 0)
        {
            return null;
        }

        var window = (int)Math.Min(length, 1 << 20);
        var buffer = new byte[window];
        stream.Seek(length - window, SeekOrigin.Begin);
        stream.ReadExactly(buffer);
        var end = buffer.Length;
        while (end > 0 && (buffer[end - 1] == (byte)'\n' || buffer[end - 1] == (byte)'\r'))
        {
            end--;
        }

        var start = Array.LastIndexOf(buffer, (byte)'\n', Math.Max(end - 1, 0)) + 1;
        return end <= start ? null : Encoding.UTF8.GetString(buffer, start, end - start);
    }
}
