using System.Text;

namespace Hologram.Testing.Security;

/// <summary>
/// A <see cref="TextWriter"/> that redacts secrets before they reach the inner writer. It writes whole lines only and holds
/// back the unfinished last line (and an unterminated private-key block), up to <see cref="MaxHoldBack"/> characters, so a
/// secret split across two writes is still caught. <see cref="Flush"/> keeps the held-back text; disposing writes it.
/// </summary>
public sealed class RedactingTextWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly SecretRedactor _redactor;
    private readonly bool _leaveOpen;
    private readonly StringBuilder _pending = new();
    private bool _disposed;

    /// <summary>Wraps <paramref name="inner"/>; redacts with <paramref name="redactor"/> (default <see cref="SecretRedactor.Default"/>).</summary>
    public RedactingTextWriter(TextWriter inner, SecretRedactor? redactor = null, int maxHoldBack = 16 * 1024, bool leaveOpen = false)
        : base(inner?.FormatProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxHoldBack, 256);
        _inner = inner;
        _redactor = redactor ?? SecretRedactor.Default;
        _leaveOpen = leaveOpen;
        MaxHoldBack = maxHoldBack;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    /// <summary>The most characters held back waiting for the end of a line; beyond it the text is written (redacted) as is.</summary>
    public int MaxHoldBack { get; }

    /// <summary>The inner writer's encoding.</summary>
    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Buffers one character.</summary>
    public override void Write(char value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _pending.Append(value);
        if (value == '\n' || _pending.Length > MaxHoldBack)
        {
            Drain(all: false);
        }
    }

    /// <summary>Buffers a string and writes the complete lines, redacted.</summary>
    public override void Write(string? value)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!string.IsNullOrEmpty(value))
        {
            _pending.Append(value);
            Drain(all: false);
        }
    }

    /// <summary>Buffers characters and writes the complete lines, redacted.</summary>
    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    /// <summary>Buffers characters and writes the complete lines, redacted.</summary>
    public override void Write(ReadOnlySpan<char> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!buffer.IsEmpty)
        {
            _pending.Append(buffer);
            Drain(all: false);
        }
    }

    /// <summary>Writes the complete lines and flushes the inner writer; an unfinished line stays held back.</summary>
    public override void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Drain(all: false);
        _inner.Flush();
    }

    /// <summary>Writes everything held back, redacted, and flushes the inner writer.</summary>
    public void FlushAll()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Drain(all: true);
        _inner.Flush();
    }

    /// <summary>Writes what is held back, then disposes the inner writer unless asked to leave it open.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            Drain(all: true);
            _inner.Flush();
            _disposed = true;
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private void Drain(bool all)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var cut = all ? _pending.Length : CutPoint();
        if (cut == 0)
        {
            return;
        }

        var text = _pending.ToString(0, cut);
        _pending.Remove(0, cut);
        _inner.Write(_redactor.Redact(text));
    }

    private int CutPoint()
    {
        if (_pending.Length > MaxHoldBack)
        {
            return _pending.Length;
        }

        var text = _pending.ToString();
        var cut = text.LastIndexOf('\n') + 1;
        if (cut == 0)
        {
            return 0;
        }

        // Do not write a YAML "name:" line before the line after it: a "value:" line may hold the secret it names.
        var lastLine = cut < 2 ? 0 : text.LastIndexOf('\n', cut - 2) + 1;
        if (text.AsSpan(lastLine, cut - lastLine).Contains("name:", StringComparison.OrdinalIgnoreCase))
        {
            cut = lastLine;
        }

        // Do not split an open private-key block (PEM, SSH2, PuTTY) from its closing line.
        var begin = PrivateKeyBlocks.OpenBlock(text.AsSpan(0, cut));
        if (begin >= 0)
        {
            cut = begin == 0 ? 0 : text.LastIndexOf('\n', begin - 1) + 1;
        }

        return cut;
    }
}
