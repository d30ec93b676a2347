namespace Hologram.Samples.Service;

/// <summary>Blocks on disk, one file per CID, written to a temporary file, flushed to disk, then renamed: an acknowledged add survives kill -9.</summary>
internal sealed class ContentStore
{
    private readonly string _blocks;

    public ContentStore(string dataDirectory)
    {
        _blocks = Path.Combine(dataDirectory, "blocks");
        Directory.CreateDirectory(_blocks);
        foreach (var leftover in Directory.EnumerateFiles(_blocks, "*.tmp"))
        {
            File.Delete(leftover); // An add interrupted by a crash was never acknowledged.
        }
    }

    public async Task<(string Cid, long Size)> AddAsync(byte[] content, CancellationToken cancellationToken)
    {
        var cid = Cid.Of(content);
        var path = Path.Combine(_blocks, cid);
        if (!File.Exists(path))
        {
            var temp = Path.Combine(_blocks, $"{cid}.{Guid.NewGuid():N}.tmp");
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(content, cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }

        return (cid, content.LongLength);
    }

    public async Task<byte[]?> ReadAsync(string cid, CancellationToken cancellationToken)
    {
        if (!Cid.IsValid(cid))
        {
            return null;
        }

        var path = Path.Combine(_blocks, cid);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    public bool Contains(string cid) => Cid.IsValid(cid) && File.Exists(Path.Combine(_blocks, cid));
}
