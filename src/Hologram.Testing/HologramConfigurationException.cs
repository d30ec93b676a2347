namespace Hologram.Testing;

/// <summary>
/// A configuration value is missing, malformed or out of range. <see cref="Exception.Message"/> is a
/// single line naming the key, the value and where the value came from.
/// </summary>
public sealed class HologramConfigurationException : Exception
{
    /// <summary>Creates an exception with an empty key and origin.</summary>
    public HologramConfigurationException()
        : this(string.Empty, null, string.Empty, "Invalid Hologram configuration.")
    {
    }

    /// <summary>Creates an exception with the given message and an empty key and origin.</summary>
    /// <param name="message">A one-line description of the problem.</param>
    public HologramConfigurationException(string message)
        : this(string.Empty, null, string.Empty, message)
    {
    }

    /// <summary>Creates an exception with the given message and cause, and an empty key and origin.</summary>
    /// <param name="message">A one-line description of the problem.</param>
    /// <param name="innerException">The underlying error.</param>
    public HologramConfigurationException(string message, Exception? innerException)
        : this(string.Empty, null, string.Empty, message, innerException)
    {
    }

    /// <summary>Creates an exception for a bad configuration value.</summary>
    /// <param name="key">The configuration key, e.g. <c>Budgets:verify:P95Ms</c>.</param>
    /// <param name="value">The offending value, or <see langword="null"/> when there is none.</param>
    /// <param name="origin">Where the value came from, e.g. <c>environment variable SLO_VERIFY_P95_MS</c>.</param>
    /// <param name="message">A one-line description naming key, value and origin.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public HologramConfigurationException(string key, string? value, string origin, string message, Exception? innerException = null)
        : base(OneLine(message), innerException)
    {
        Key = key;
        Value = value;
        Origin = origin;
    }

    /// <summary>The configuration key at fault, e.g. <c>Budgets:verify:P95Ms</c> or <c>Hologram:Retires</c>.</summary>
    public string Key { get; }

    /// <summary>The offending value, or <see langword="null"/> when the problem is not about one value.</summary>
    public string? Value { get; }

    /// <summary>Where the value came from: a file, an environment variable or a profile's defaults.</summary>
    public string Origin { get; }

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ");
}
