namespace Hologram.Testing.Chaos;

/// <summary>
/// Polls a probe in the background, as a client would, and records every outage: its start (first failed probe) and
/// end (first success after). This is the downtime and time to recovery a client sees, not what the process reports.
/// </summary>
public sealed class AvailabilityMonitor : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _probe;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly List<Outage> _outages = [];
    private readonly Task _polling;
    private TaskCompletionSource _recovered = NewSignal();
    private int _probes;
    private int _failed;

    private AvailabilityMonitor(Func<CancellationToken, Task<bool>> probe, TimeSpan interval, TimeProvider time)
    {
        _probe = probe;
        _interval = interval;
        _time = time;
        _polling = PollAsync();
    }

    /// <summary>Probes run so far.</summary>
    public int Probes => Volatile.Read(ref _probes);

    /// <summary>Failed probes so far.</summary>
    public int FailedProbes => Volatile.Read(ref _failed);

    /// <summary>The outages seen so far, oldest first; the last one may still be open.</summary>
    public IReadOnlyList<Outage> Outages
    {
        get
        {
            lock (_gate)
            {
                return [.. _outages];
            }
        }
    }

    /// <summary>Whether the latest probe failed.</summary>
    public bool IsDown
    {
        get
        {
            lock (_gate)
            {
                return _outages.Count > 0 && _outages[^1].End is null;
            }
        }
    }

    /// <summary>The total time spent in outages so far.</summary>
    public TimeSpan TotalDowntime
    {
        get
        {
            var now = _time.GetUtcNow();
            return Outages.Aggregate(TimeSpan.Zero, (sum, o) => sum + o.DurationAt(now));
        }
    }

    /// <summary>The longest outage so far (zero when none).</summary>
    public TimeSpan LongestOutage
    {
        get
        {
            var now = _time.GetUtcNow();
            return Outages.Select(o => o.DurationAt(now)).DefaultIfEmpty().Max();
        }
    }

    /// <summary>Starts polling <paramref name="probe"/> every <paramref name="interval"/> (100 ms by default).</summary>
    /// <param name="probe">True when the service answers as it should.</param>
    /// <param name="interval">The pause between probes.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    public static AvailabilityMonitor Start(Func<CancellationToken, Task<bool>> probe, TimeSpan? interval = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return new AvailabilityMonitor(probe, interval ?? TimeSpan.FromMilliseconds(100), timeProvider ?? TimeProvider.System);
    }

    /// <summary>Waits until the service is up again after an outage has begun; returns that outage.</summary>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The service did not recover in time.</exception>
    public async Task<Outage> WaitForRecoveryAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task signal;
        lock (_gate)
        {
            signal = _recovered.Task;
        }

        try
        {
            await signal.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the service did not recover within {timeout.TotalSeconds:0.#} s");
        }

        lock (_gate)
        {
            return _outages.Last(o => o.End is not null);
        }
    }

    /// <summary>Stops polling.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _polling.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping cancels the pending probe or pause: expected.
        }

        _stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task PollAsync()
    {
        await Task.Yield();
        while (!_stop.IsCancellationRequested)
        {
            bool up;
            try
            {
                up = await _probe(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                up = false; // A probe that throws counts as a failed probe.
            }

            Record(up, _time.GetUtcNow());
            await Task.Delay(_interval, _time, _stop.Token).ConfigureAwait(false);
        }
    }

    private void Record(bool up, DateTimeOffset at)
    {
        Interlocked.Increment(ref _probes);
        if (!up)
        {
            Interlocked.Increment(ref _failed);
        }

        lock (_gate)
        {
            var open = _outages.Count > 0 && _outages[^1].End is null;
            if (!up && !open)
            {
                _outages.Add(new Outage(at, null));
                if (_recovered.Task.IsCompleted)
                {
                    _recovered = NewSignal();
                }
            }
            else if (up && open)
            {
                _outages[^1] = _outages[^1] with { End = at };
                _recovered.TrySetResult();
            }
        }
    }
}
