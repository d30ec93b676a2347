namespace Hologram.Testing.History;

/// <summary>
/// The history store cannot be used: the file is not a Hologram history database, the schema is newer than this
/// version understands, or the server refused. <see cref="Exception.Message"/> is one line naming the store; it never
/// contains a password.
/// </summary>
public sealed class HistoryStoreException : Exception
{
    /// <summary>Creates an exception with a default message.</summary>
    public HistoryStoreException()
        : this("The history store cannot be used.")
    {
    }

    /// <summary>Creates an exception with a one-line message.</summary>
    /// <param name="message">A one-line description naming the store.</param>
    public HistoryStoreException(string message)
        : base(OneLine(message))
    {
    }

    /// <summary>Creates an exception with a one-line message and its cause.</summary>
    /// <param name="message">A one-line description naming the store.</param>
    /// <param name="innerException">The underlying error.</param>
    public HistoryStoreException(string message, Exception? innerException)
        : base(OneLine(message), innerException)
    {
    }

    internal static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
