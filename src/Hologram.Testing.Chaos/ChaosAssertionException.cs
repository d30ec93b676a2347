namespace Hologram.Testing.Chaos;

/// <summary>A chaos threshold was not met (success rate, recovery time, lost writes, latency budget); the message has the figures.</summary>
public sealed class ChaosAssertionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChaosAssertionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChaosAssertionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ChaosAssertionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
