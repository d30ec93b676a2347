using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Hologram.Testing.Security;

/// <summary>
/// Accepts each nonce once inside a time window and rejects replays, stale and future timestamps.
/// Thread-safe; memory is bounded by <see cref="NonceReplayGuardOptions.Capacity"/>.
/// </summary>
/// <remarks>
/// A nonce is remembered until its timestamp leaves the window; from then on the timestamp itself is
/// <see cref="NonceVerdict.Stale"/>, so forgetting it can never let a replay through. When the guard is full,
/// expired nonces are evicted first; if none has expired the new nonce is rejected with
/// <see cref="NonceVerdict.CapacityExceeded"/>. Nonces are kept as 64-bit keyed hashes (16 bytes per entry, no
/// allocation per check) in lock-striped open-addressing tables; two different nonces share a hash with probability
/// about n/2^64, and a collision can only make the guard reject (as <see cref="NonceVerdict.Replayed"/>), never accept a replay.
/// </remarks>
public sealed class NonceReplayGuard
{
    private const int StripeCount = 64;
    private readonly Stripe[] _stripes;
    private readonly TimeProvider _time;
    private readonly long _windowTicks;
    private readonly long _skewTicks;
    private readonly ulong _seed;
    private readonly int _stripeMask;
    private readonly int _capacity;
    private int _count;

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
        _seed = BinaryPrimitives.ReadUInt64LittleEndian(RandomNumberGenerator.GetBytes(8));
        var stripes = options.Capacity >= StripeCount * 64 ? StripeCount : 1;
        _stripeMask = stripes - 1;
        _capacity = options.Capacity;
        _stripes = new Stripe[stripes];
        for (var i = 0; i < stripes; i++)
        {
            _stripes[i] = new Stripe(this);
        }
    }

    /// <summary>The number of nonces currently remembered (expired ones included until they are evicted).</summary>
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

        var hash = Hash(nonce);
        var stripe = _stripes[(int)(hash >> 58) & _stripeMask];
        NonceVerdict verdict;
        lock (stripe.Gate)
        {
            verdict = stripe.TryAdd(hash, expiry, now);
        }

        if (verdict == NonceVerdict.CapacityExceeded && EvictExpired(now) > 0)
        {
            lock (stripe.Gate)
            {
                verdict = stripe.TryAdd(hash, expiry, now);
            }
        }

        return verdict;
    }

    /// <summary>Forgets every nonce whose window has passed; returns how many were removed.</summary>
    public int Purge() => EvictExpired(_time.GetUtcNow().UtcTicks);

    private int EvictExpired(long now)
    {
        var removed = 0;
        foreach (var stripe in _stripes)
        {
            if (stripe.HasExpired(now))
            {
                lock (stripe.Gate)
                {
                    removed += stripe.Rebuild(stripe.Table.Length, now);
                }
            }
        }

        return removed;
    }

    private ulong Hash(string nonce)
    {
        var bytes = MemoryMarshal.AsBytes(nonce.AsSpan());
        var h = _seed ^ ((ulong)bytes.Length * 0x9E3779B97F4A7C15UL);
        while (bytes.Length >= 8)
        {
            h = Mix(h ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes));
            bytes = bytes[8..];
        }

        ulong tail = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            tail |= (ulong)bytes[i] << (8 * i);
        }

        h = Mix(h ^ tail ^ ((ulong)bytes.Length << 59));
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }

    private static ulong Mix(ulong value)
    {
        value *= 0x9E3779B97F4A7C15UL;
        value = BitOperations.RotateLeft(value, 31);
        return value * 0xBF58476D1CE4E5B9UL;
    }

    private struct Entry
    {
        public ulong Key;
        public long Expiry;
    }

    /// <summary>One lock and one open-addressing table (linear probing, at most half full).</summary>
    private sealed class Stripe(NonceReplayGuard owner)
    {
        public readonly Lock Gate = new();
        public Entry[] Table = new Entry[16];
        private int _count;
        private long _earliestExpiry = long.MaxValue;

        public bool HasExpired(long now) => Volatile.Read(ref _earliestExpiry) < now;

        public NonceVerdict TryAdd(ulong key, long expiry, long now)
        {
            var mask = Table.Length - 1;
            var slot = (int)key & mask;
            while (Table[slot].Key != 0)
            {
                if (Table[slot].Key == key)
                {
                    if (Table[slot].Expiry >= now)
                    {
                        return NonceVerdict.Replayed;
                    }

                    // The earlier use has left the window: any replay of it is stale, so the nonce may be reused.
                    Table[slot].Expiry = expiry;
                    Volatile.Write(ref _earliestExpiry, Math.Min(_earliestExpiry, expiry));
                    return NonceVerdict.Accepted;
                }

                slot = (slot + 1) & mask;
            }

            if (Interlocked.Increment(ref owner._count) > owner._capacity)
            {
                Interlocked.Decrement(ref owner._count);
                if (_earliestExpiry >= now || Rebuild(Table.Length, now) == 0)
                {
                    return NonceVerdict.CapacityExceeded; // the caller may evict in other stripes and retry
                }

                return TryAdd(key, expiry, now);
            }

            if ((_count + 1) * 2 > Table.Length)
            {
                // Drop expired entries while rehashing; grow only if that did not make room.
                Interlocked.Decrement(ref owner._count);
                Rebuild(_count + 1 > (Table.Length / 4) ? Table.Length * 2 : Table.Length, now);
                return TryAdd(key, expiry, now);
            }

            Table[slot] = new Entry { Key = key, Expiry = expiry };
            _count++;
            Volatile.Write(ref _earliestExpiry, Math.Min(_earliestExpiry, expiry));
            return NonceVerdict.Accepted;
        }

        public int Rebuild(int size, long now)
        {
            var old = Table;
            var table = new Entry[size];
            var mask = size - 1;
            var kept = 0;
            var earliest = long.MaxValue;
            foreach (var entry in old)
            {
                if (entry.Key == 0 || entry.Expiry < now)
                {
                    continue;
                }

                var slot = (int)entry.Key & mask;
                while (table[slot].Key != 0)
                {
                    slot = (slot + 1) & mask;
                }

                table[slot] = entry;
                kept++;
                earliest = Math.Min(earliest, entry.Expiry);
            }

            var removed = _count - kept;
            Table = table;
            _count = kept;
            Interlocked.Add(ref owner._count, -removed);
            Volatile.Write(ref _earliestExpiry, earliest);
            return removed;
        }
    }
}
