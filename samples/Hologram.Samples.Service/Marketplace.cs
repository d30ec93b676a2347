using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Hologram.Samples.Service;

/// <summary>Listings kept in memory and in an append-only journal flushed to disk before a publish is acknowledged.</summary>
internal sealed class Marketplace : IDisposable
{
    private readonly ConcurrentDictionary<string, Listing> _byId = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Listing> _byCid = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _journalLock = new(1, 1);
    private readonly FileStream _journal;
    private long _next;

    public Marketplace(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "market.jsonl");
        if (File.Exists(path))
        {
            var text = File.ReadAllText(path);
            var complete = text[..(text.LastIndexOf('\n') + 1)]; // A torn last line was never acknowledged.
            foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Index(JsonSerializer.Deserialize<Listing>(line)!);
            }

            if (complete.Length != text.Length)
            {
                using var truncate = new FileStream(path, FileMode.Open, FileAccess.Write);
                truncate.SetLength(Encoding.UTF8.GetByteCount(complete));
            }
        }

        _next = _byId.Count;
        _journal = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    public int Count => _byId.Count;

    public async Task<Listing> PublishAsync(string cid, string name, string description, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        await _journalLock.WaitAsync(cancellationToken);
        try
        {
            var id = "l" + (++_next).ToString(CultureInfo.InvariantCulture);
            var listing = new Listing(id, cid, name, description, tags, DateTimeOffset.UtcNow);
            var bytes = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(listing) + "\n");
            await _journal.WriteAsync(bytes, CancellationToken.None);
            _journal.Flush(flushToDisk: true);
            Index(listing);
            return listing;
        }
        finally
        {
            _journalLock.Release();
        }
    }

    public Listing? Resolve(string idOrCid) =>
        _byId.TryGetValue(idOrCid, out var listing) || _byCid.TryGetValue(idOrCid, out listing) ? listing : null;

    public IReadOnlyList<Listing> Search(string text) =>
        [.. _byId.Values
            .Where(l => l.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
                || l.Description.Contains(text, StringComparison.OrdinalIgnoreCase)
                || l.Tags.Any(t => t.Equals(text, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(l => l.PublishedAt)
            .Take(100)];

    public void Dispose()
    {
        _journal.Dispose();
        _journalLock.Dispose();
    }

    private void Index(Listing listing)
    {
        _byId[listing.Id] = listing;
        _byCid[listing.Cid] = listing;
    }
}
