namespace Hologram.Testing.Cli.Ingest;

/// <summary>A results file that cannot be read: the message is one line, <c>file:line:column: problem</c>.</summary>
internal sealed class ResultFileException : Exception
{
    /// <summary>Creates the exception for a problem at a position of a file.</summary>
    public ResultFileException(string file, int line, int column, string problem, Exception? inner = null)
        : base($"{file}:{line}:{column}: {problem}", inner)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ResultFileException()
        : base("the results file cannot be read")
    {
    }

    /// <summary>Creates the exception with a one-line message.</summary>
    public ResultFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and its cause.</summary>
    public ResultFileException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
