namespace Hologram.Testing.Cli.Tests;

/// <summary>A stream over a file that accepts <paramref name="capacity"/> bytes, then fails as a full disk does (ENOSPC).</summary>
internal sealed class FullDiskStream(Stream inner, int capacity) : Stream
{
    private int written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => inner.Length;

    public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var room = Math.Max(0, capacity - written);
        inner.Write(buffer[..Math.Min(room, buffer.Length)]);
        written += Math.Min(room, buffer.Length);
        if (buffer.Length > room)
        {
            throw new IOException("No space left on device : '" + (inner is FileStream f ? f.Name : "stream") + "'");
        }
    }

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
