using System.Text;
using Hologram.Testing.Cli.Reporting;

namespace Hologram.Testing.Cli;

/// <summary>
/// The terminal side of the one output rule: wraps standard output and standard error so that no hidden character
/// (<see cref="ReportText.IsHidden"/>: NUL, ESC, U+202E, …) reaches the terminal raw; each is written as
/// <see cref="ReportText.Escape"/>, e.g. <c>\u001b</c>. A CR directly before an LF is kept (Windows line ends).
/// </summary>
internal sealed class VisibleTextWriter(TextWriter inner) : TextWriter
{
    private bool pendingReturn;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    /// <summary>Wraps <paramref name="writer"/> unless it already is one.</summary>
    public static TextWriter Wrap(TextWriter writer) => writer as VisibleTextWriter ?? new VisibleTextWriter(writer);

    public override void Write(char value)
    {
        if (pendingReturn)
        {
            pendingReturn = false;
            if (value == '\n')
            {
                inner.Write("\r\n");
                return;
            }

            inner.Write(ReportText.Escape('\r'));
        }

        if (value == '\r')
        {
            pendingReturn = true;
        }
        else if (ReportText.IsHidden(value))
        {
            inner.Write(ReportText.Escape(value));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        for (var i = index; i < index + count; i++)
        {
            Write(buffer[i]);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        Write(CoreNewLine);
    }

    public override void Flush()
    {
        if (pendingReturn)
        {
            pendingReturn = false;
            inner.Write(ReportText.Escape('\r'));
        }

        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }
}
