using Hologram.Testing.Security;
using System.Diagnostics;
using System.Globalization;
using Hologram.Testing.Reports;
using Hologram.Testing.Chaos.Internal;

namespace Hologram.Testing.Chaos;

/// <summary>
/// A real process under test: started with its command line and environment, ready when its port or health URL answers,
/// killed hard (the whole process tree, like <c>kill -9</c>) and restarted, with the time to recovery measured.
/// Its output is redacted and kept, passed to <see cref="ServiceProcessOptions.Output"/> and written to
/// <c>&lt;ReportsDir&gt;/chaos/&lt;name&gt;.log</c>.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptLines = 5000;
    private readonly ServiceProcessOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task<bool>> _probe;
    private readonly Lock _gate = new();
    private readonly Queue<string> _lines = new();
    private readonly StreamWriter _log;
    private Process? _process;
    private DateTimeOffset? _killedAt;
    private int _starts;

    private ServiceProcess(ServiceProcessOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        Name = options.Name ?? Path.GetFileNameWithoutExtension(options.FileName);
        _probe = options.ReadyUrl is { } url ? ReadinessProbes.Http(url)
            : options.ReadyPort is { } port ? ReadinessProbes.Tcp(port)
            : _ => Task.FromResult(true);
        var directory = ChaosReports.Folder(options.LogDirectory);
        Directory.CreateDirectory(directory);
        LogPath = Path.Combine(directory, ReportsLayout.ChaosLogFileName(Name));
        _log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    /// <summary>The name used in logs and reports.</summary>
    public string Name { get; }

    /// <summary>The output log file.</summary>
    public string LogPath { get; }

    /// <summary>The id of the current process.</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");

    /// <summary>Whether the process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>How many times the process was started.</summary>
    public int Starts => _starts;

    /// <summary>The latest output lines (redacted), oldest first.</summary>
    public IReadOnlyList<string> OutputLines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    /// <summary>Starts the process and waits until it is ready.</summary>
    /// <param name="options">What to run and how to tell it is ready.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="ServiceProcessException">The process exited or did not become ready in time.</exception>
    public static async Task<ServiceProcess> StartAsync(ServiceProcessOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = new ServiceProcess(options);
        try
        {
            service.Launch();
            await service.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return service;
        }
        catch
        {
            await service.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Probes readiness once.</summary>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public Task<bool> IsReadyAsync(CancellationToken cancellationToken = default) => _probe(cancellationToken);

    /// <summary>Kills the process and all its children at once (no graceful shutdown), and waits for them to exit.</summary>
    public void Kill()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        _killedAt ??= _time.GetUtcNow();
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own already: nothing to kill.
        }

        process.WaitForExit(10_000);
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"--- {Name} (pid {process.Id}) killed ---"));
    }

    /// <summary>Kills the process if it runs, starts it again and waits until it is ready.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The time to recovery (kill → ready) and the start-up time.</returns>
    public async Task<RecoveryMeasurement> RestartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            Kill();
        }

        var downSince = _killedAt ?? _time.GetUtcNow();
        var startedAt = _time.GetUtcNow();
        Launch();
        await WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
        var readyAt = _time.GetUtcNow();
        _killedAt = null;
        return new RecoveryMeasurement(downSince, startedAt, readyAt);
    }

    /// <summary>Kills the process, leaves it down for <paramref name="downFor"/>, then restarts it.</summary>
    /// <param name="downFor">How long the service stays down.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public async Task<RecoveryMeasurement> KillAndRestartAsync(TimeSpan downFor, CancellationToken cancellationToken = default)
    {
        Kill();
        if (downFor > TimeSpan.Zero)
        {
            await Task.Delay(downFor, _time, cancellationToken).ConfigureAwait(false);
        }

        return await RestartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the process (if running) and closes the log.</summary>
    public ValueTask DisposeAsync()
    {
        if (IsRunning)
        {
            Kill();
        }

        _process?.Dispose();
        _process = null;
        lock (_gate)
        {
            _log.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Launch()
    {
        var info = new ProcessStartInfo(_options.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = _options.WorkingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in _options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in _options.Environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new ServiceProcessException($"cannot start {Name} ({_options.FileName}): {ex.Message}", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
        _starts++;
        WriteLine(string.Create(CultureInfo.InvariantCulture, $"--- {Name} started (pid {process.Id}, start {_starts}) ---"));
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var process = _process!;
            if (await _probe(cancellationToken).ConfigureAwait(false))
            {
                if (!process.HasExited)
                {
                    return;
                }
            }

            if (process.HasExited)
            {
                process.WaitForExit();
                throw new ServiceProcessException($"{Name} exited with code {process.ExitCode} before it was ready{LastOutput()}");
            }

            if (_time.GetElapsedTime(started) > _options.ReadyTimeout)
            {
                throw new ServiceProcessException(
                    string.Create(CultureInfo.InvariantCulture, $"{Name} was not ready within {_options.ReadyTimeout.TotalSeconds:0.#} s{LastOutput()}"));
            }

            await Task.Delay(_options.ProbeInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private string LastOutput()
    {
        var last = OutputLines.TakeLast(10).ToList();
        return last.Count == 0 ? " (no output)" : "; last output: " + string.Join(" | ", last);
    }

    private void OnLine(string? line)
    {
        if (line is not null)
        {
            WriteLine(line);
        }
    }

    private void WriteLine(string raw)
    {
        var line = SecretRedactor.Default.Redact(raw);
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }

            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that arrives after disposal (a dying child's last words) is dropped.
            }
        }

        try
        {
            _options.Output?.Invoke($"[{Name}] {line}");
        }
        catch (InvalidOperationException)
        {
            // Test output helpers refuse lines once their test has finished; the log file still has the line.
        }
    }
}
