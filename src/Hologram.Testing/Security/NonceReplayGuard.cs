using System.Collections.Concurrent;

namespace Hologram.Testing.Security;

/// <summary>
/// Accepts each nonce once inside a time window and rejects replays, stale and future timestamps.
/// Thread-safe; memory is bounded by <see cref="NonceReplayGuardOptions.Capacity"/>.
/// </summary>
/// <remarks>
/// A nonce is remembered until its timestamp leaves the window; from then on the timestamp itself is
/// <see cref="NonceVerdict.Stale"/>, so forgetting it can never let a replay through. When the guard is full,
/// expired nonces are evicted first; if none has expired the new nonce is rejected with
/// <see cref="NonceVerdict.CapacityExceeded"/>.
/// </remarks>
public sealed class NonceReplayGuard
{
    private readonly ConcurrentDictionary<string, long> _seen;
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _skewTicks;
    private readonly int _capacity;
    private readonly Lock _sweepLock = new();
    private int _count;
    private long _earliestExpiry = long.MaxValue;
    private long _lastSweep;

    /// <summary>Creates a guard with the given settings and clock.</summary>
    public NonceReplayGuard(NonceReplayGuardOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new NonceReplayGuardOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Window, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.FutureSkew, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Capacity, 1, nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        _windowTicks = options.Window.Ticks;
        _skewTicks = options.FutureSkew.Ticks;
        _capacity = options.Capacity;
        _seen = new ConcurrentDictionary<string, long>(Environment.ProcessorCount, Math.Min(_capacity, 1024), StringComparer.Ordinal);
        _lastSweep = _time.GetUtcNow().UtcTicks;
    }

    /// <summary>The number of nonces currently remembered.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Offers a nonce with the timestamp the sender attached to it.</summary>
    public NonceVerdict TryAccept(string nonce, DateTimeOffset timestamp)
    {
        if (string.IsNullOrEmpty(nonce))
        {
            return NonceVerdict.Invalid;
        }

        var now = _time.GetUtcNow().UtcTicks;
        var stamp = timestamp.UtcTicks;
        if (stamp > now + _skewTicks)
        {
            return NonceVerdict.Future;
        }

        var expiry = stamp + _windowTicks;
        if (expiry < now)
        {
            return NonceVerdict.Stale;
        }

        if (_seen.ContainsKey(nonce))
        {
            return NonceVerdict.Replayed;
        }

        if (!Reserve(now))
        {
            // Full of live nonces: a replay of this one could not be told apart later, so refuse it now.
            return _seen.ContainsKey(nonce) ? NonceVerdict.Replayed : NonceVerdict.CapacityExceeded;
        }

        if (!_seen.TryAdd(nonce, expiry))
        {
            Interlocked.Decrement(ref _count);
            return NonceVerdict.Replayed;
        }

        LowerEarliestExpiry(expiry);
        return NonceVerdict.Accepted;
    }

    /// <summary>Forgets every nonce whose window has passed; returns how many were removed.</summary>
    public int Purge()
    {
        lock (_sweepLock)
        {
            return Sweep(_time.GetUtcNow().UtcTicks);
        }
    }

    private bool Reserve(long now)
    {
        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            MaybeSweepInBackground(now);
            return true;
        }

        Interlocked.Decrement(ref _count);
        if (Volatile.Read(ref _earliestExpiry) >= now)
        {
            return false; // nothing can have expired yet: do not pay for a sweep
        }

        lock (_sweepLock)
        {
            if (Volatile.Read(ref _earliestExpiry) < now)
            {
                Sweep(now);
            }
        }

        if (Interlocked.Increment(ref _count) <= _capacity)
        {
            return true;
        }

        Interlocked.Decrement(ref _count);
        return false;
    }

    private void MaybeSweepInBackground(long now)
    {
        // Keep memory near the live set: at most one sweep per window, only once something has expired.
        if (now - Volatile.Read(ref _lastSweep) < _windowTicks || Volatile.Read(ref _earliestExpiry) >= now)
        {
            return;
        }

        if (_sweepLock.TryEnter())
        {
            try
            {
                if (now - Volatile.Read(ref _lastSweep) >= _windowTicks)
                {
                    Sweep(now);
                }
            }
            finally
            {
                _sweepLock.Exit();
            }
        }
    }

    private int Sweep(long now)
    {
        var removed = 0;
        var earliest = long.MaxValue;
        Volatile.Write(ref _earliestExpiry, long.MaxValue);
        foreach (var entry in _seen)
        {
            if (entry.Value < now)
            {
                if (_seen.TryRemove(entry))
                {
                    Interlocked.Decrement(ref _count);
                    removed++;
                }
            }
            else if (entry.Value < earliest)
            {
                earliest = entry.Value;
            }
        }

        LowerEarliestExpiry(earliest);
        Volatile.Write(ref _lastSweep, now);
        return removed;
    }

    private void LowerEarliestExpiry(long expiry)
    {
        var current = Volatile.Read(ref _earliestExpiry);
        while (expiry < current)
        {
            var seen = Interlocked.CompareExchange(ref _earliestExpiry, expiry, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
