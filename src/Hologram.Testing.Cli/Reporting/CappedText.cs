using System.Text;

namespace Hologram.Testing.Cli.Reporting;

/// <summary>Text that never grows past a size in UTF-8 bytes: blocks that would not fit are left out and counted.</summary>
internal sealed class CappedText(int maxBytes)
{
    private readonly StringBuilder text = new();
    private int bytes;

    /// <summary>Whether a block was left out.</summary>
    public bool Truncated { get; private set; }

    /// <summary>The size so far in UTF-8 bytes.</summary>
    public int Bytes => bytes;

    /// <summary>Appends a block that must be there whatever the cap (the totals).</summary>
    public void AddAlways(string block)
    {
        text.Append(block);
        bytes += Encoding.UTF8.GetByteCount(block);
    }

    /// <summary>Appends <paramref name="block"/> when it fits; false (and <see cref="Truncated"/>) when it does not.</summary>
    public bool TryAdd(string block)
    {
        var size = Encoding.UTF8.GetByteCount(block);
        if (bytes + size > maxBytes)
        {
            Truncated = true;
            return false;
        }

        text.Append(block);
        bytes += size;
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => text.ToString();
}
