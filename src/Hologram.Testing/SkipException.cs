namespace Hologram.Testing;

/// <summary>
/// Thrown by <see cref="Skip"/> and <see cref="Services.Require(string)"/> to end a test as skipped at run time.
/// Hologram's test-framework adapters report it as a skipped test carrying <see cref="Exception.Message"/> as the reason.
/// </summary>
public sealed class SkipException : Exception
{
    /// <summary>Creates a skip with the given reason.</summary>
    public SkipException(string reason)
        : base(string.IsNullOrWhiteSpace(reason) ? "skipped at run time" : reason)
    {
    }

    /// <summary>Creates a skip with a default reason.</summary>
    public SkipException()
        : this("skipped at run time")
    {
    }

    /// <summary>Creates a skip with the given reason and cause.</summary>
    public SkipException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }

    /// <summary>The reason the test was skipped.</summary>
    public string Reason => Message;
}
