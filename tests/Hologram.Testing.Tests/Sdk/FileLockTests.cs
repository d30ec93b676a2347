using Hologram.Testing.Sdk;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Hologram.Testing.Tests.Sdk;

public sealed class FileLockTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("hologram-filelock-").FullName;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_free_file_opens_at_once_with_its_directory_created()
    {
        var path = Path.Combine(_root, "sub", "events.jsonl.lock");

        using var stream = FileLock.Open(path, timeProvider: _clock);

        Assert.True(File.Exists(path));
        Assert.True(stream.CanWrite);
    }

    [Fact]
    public async Task A_held_file_is_retried_and_opened_once_the_holder_lets_go()
    {
        var path = Path.Combine(_root, "proof.jsonl");
        var holder = FileLock.Open(path);

        var waiting = FileLock.OpenAsync(path, timeProvider: _clock);
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await Task.Delay(20);
        Assert.False(waiting.IsCompleted);

        holder.Dispose();
        for (var i = 0; i < 20 && !waiting.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Delay(10);
        }

        await using var stream = await waiting;
        Assert.True(stream.CanWrite);
    }

    [Fact]
    public async Task A_file_held_past_the_limit_fails_with_an_error_naming_it()
    {
        var path = Path.Combine(_root, "cache_profiles.json.lock");
        using var holder = FileLock.Open(path);

        var waiting = FileLock.OpenAsync(path, timeout: TimeSpan.FromSeconds(2), timeProvider: _clock);
        for (var i = 0; i < 100 && !waiting.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(5);
        }

        var error = await Assert.ThrowsAsync<IOException>(() => waiting);
        Assert.StartsWith($"Could not open '{path}' within 2 s: another writer still holds its lock", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    [Fact]
    public void The_blocking_open_waits_for_the_holder_on_the_real_clock()
    {
        var path = Path.Combine(_root, "spin.csv");
        var holder = FileLock.Open(path, FileMode.Append, FileAccess.Write);
        _ = Task.Run(async () =>
        {
            await Task.Delay(100);
            holder.Dispose();
        });

        using var stream = FileLock.Open(path, FileMode.Append, FileAccess.Write);

        Assert.True(stream.CanWrite);
    }

    [Fact]
    public void A_reader_waits_for_the_exclusive_holder_and_shares_the_file_with_other_readers()
    {
        var path = Path.Combine(_root, "verify.csv");
        var holder = FileLock.Open(path, FileMode.Append, FileAccess.Write);
        holder.Write("header\n"u8);
        _ = Task.Run(async () =>
        {
            await Task.Delay(100);
            holder.Dispose();
        });

        using var first = new StreamReader(FileLock.OpenForReading(path));
        using var second = new StreamReader(FileLock.OpenForReading(path, timeProvider: _clock));

        Assert.Equal("header", first.ReadLine());
        Assert.Equal("header", second.ReadLine());
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
