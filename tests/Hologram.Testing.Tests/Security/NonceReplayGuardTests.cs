using Hologram.Testing.Security;

namespace Hologram.Testing.Tests.Security;

public sealed class NonceReplayGuardTests
{
    private readonly FakeClock _clock = new();

    private NonceReplayGuard Guard(int capacity = 1000, int skewSeconds = 30) =>
        new(new NonceReplayGuardOptions { Capacity = capacity, FutureSkew = TimeSpan.FromSeconds(skewSeconds) }, _clock);

    [Fact]
    public void Accepts_a_nonce_once_and_rejects_its_replay()
    {
        var guard = Guard();
        var now = _clock.GetUtcNow();

        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("n-1", now));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("n-1", now));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("n-1", now.AddSeconds(10)));
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("n-2", now));
        Assert.Equal(2, guard.Count);
    }

    [Fact]
    public void A_replay_is_still_rejected_just_before_the_window_ends()
    {
        var guard = Guard();
        var sent = _clock.GetUtcNow();
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("n", sent));

        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("n", sent));
    }

    [Fact]
    public void Timestamps_older_than_the_window_are_stale_and_expired_nonces_are_forgotten()
    {
        var guard = Guard();
        var sent = _clock.GetUtcNow();
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("n", sent));

        _clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromTicks(1));
        Assert.Equal(NonceVerdict.Stale, guard.TryAccept("n", sent));
        Assert.Equal(NonceVerdict.Stale, guard.TryAccept("other", sent));

        Assert.Equal(1, guard.Purge());
        Assert.Equal(0, guard.Count);
        Assert.Equal(NonceVerdict.Stale, guard.TryAccept("n", sent));
    }

    [Fact]
    public void Future_timestamps_are_accepted_only_within_the_skew()
    {
        var guard = Guard(skewSeconds: 30);
        var now = _clock.GetUtcNow();

        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("a", now.AddSeconds(30)));
        Assert.Equal(NonceVerdict.Future, guard.TryAccept("b", now.AddSeconds(31)));
        Assert.Equal(NonceVerdict.Future, Guard(skewSeconds: 0).TryAccept("c", now.AddTicks(1)));
    }

    [Fact]
    public void A_nonce_from_the_future_is_remembered_for_a_whole_window_after_its_timestamp()
    {
        var guard = Guard(skewSeconds: 60);
        var sent = _clock.GetUtcNow().AddSeconds(60);
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("n", sent));

        _clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("n", sent));
    }

    [Fact]
    public void When_full_it_rejects_new_nonces_instead_of_forgetting_live_ones()
    {
        var guard = Guard(capacity: 3);
        var now = _clock.GetUtcNow();
        foreach (var n in new[] { "a", "b", "c" })
        {
            Assert.Equal(NonceVerdict.Accepted, guard.TryAccept(n, now));
        }

        Assert.Equal(NonceVerdict.CapacityExceeded, guard.TryAccept("d", now));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("a", now));
        Assert.Equal(3, guard.Count);
    }

    [Fact]
    public void When_full_it_evicts_expired_nonces_first()
    {
        var guard = Guard(capacity: 3);
        var old = _clock.GetUtcNow();
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("old", old));
        _clock.Advance(TimeSpan.FromMinutes(3));
        var recent = _clock.GetUtcNow();
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("r1", recent));
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("r2", recent));
        Assert.Equal(NonceVerdict.CapacityExceeded, guard.TryAccept("r3", recent));

        _clock.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        Assert.Equal(NonceVerdict.Accepted, guard.TryAccept("r3", _clock.GetUtcNow()));
        Assert.Equal(NonceVerdict.Replayed, guard.TryAccept("r1", recent));
        Assert.Equal(3, guard.Count);
    }

    [Fact]
    public void Empty_nonces_are_invalid()
    {
        Assert.Equal(NonceVerdict.Invalid, Guard().TryAccept(string.Empty, _clock.GetUtcNow()));
    }

    [Fact]
    public void Two_threads_offering_the_same_million_nonces_accept_each_exactly_once()
    {
        const int nonces = 1_000_000;
        var guard = new NonceReplayGuard(new NonceReplayGuardOptions { Capacity = nonces }, _clock);
        var now = _clock.GetUtcNow();
        var names = new string[nonces];
        for (var i = 0; i < nonces; i++)
        {
            names[i] = "nonce-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var accepted = new int[2][];
        var threads = new Thread[2];
        using var start = new Barrier(2);
        for (var t = 0; t < 2; t++)
        {
            var index = t;
            accepted[index] = new int[nonces];
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                // The second thread walks backwards so both contend on every nonce at some point.
                for (var k = 0; k < nonces; k++)
                {
                    var i = index == 0 ? k : nonces - 1 - k;
                    if (guard.TryAccept(names[i], now) == NonceVerdict.Accepted)
                    {
                        accepted[index][i] = 1;
                    }
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        for (var i = 0; i < nonces; i++)
        {
            Assert.Equal(1, accepted[0][i] + accepted[1][i]);
        }

        Assert.Equal(nonces, guard.Count);
    }
}
