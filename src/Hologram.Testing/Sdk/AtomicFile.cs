using System.Text;

namespace Hologram.Testing.Sdk;

/// <summary>
/// Writes a file so that readers see either the old or the new content, never a partial one: the content goes to a
/// hidden temporary file in the same directory, is flushed to disk and then renamed over the target. When writing fails
/// the target keeps its old content and the temporary file is removed.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, creating the directory when missing.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="content">The whole new content.</param>
    public static void Write(string path, ReadOnlyMemory<byte> content) => Write(path, stream => stream.Write(content.Span));

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/> atomically, creating the directory when missing.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="text">The whole new content.</param>
    public static void WriteText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, Utf8.GetBytes(text));
    }

    /// <summary>Lets <paramref name="write"/> fill a temporary file, then renames it over <paramref name="path"/>; nothing changes when it throws.</summary>
    /// <param name="path">The file to replace or create.</param>
    /// <param name="write">Writes the whole new content to the stream it is given (and must not close it).</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var target = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            Discard(temporary);
            throw;
        }
    }

    private static void Discard(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The write already failed and that error is the one to report; a temporary file that cannot be removed
            // either is hidden (a leading dot) and ends in .tmp, so no reader of the target's pattern picks it up.
        }
    }
}
