namespace Hologram.Testing.Chaos;

/// <summary>A <see cref="ServiceProcess"/> could not be started or did not become ready; the message says why, with its last output.</summary>
public sealed class ServiceProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServiceProcessException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ServiceProcessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ServiceProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
