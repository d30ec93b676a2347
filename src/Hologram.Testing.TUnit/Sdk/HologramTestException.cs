namespace Hologram.Testing.TUnit.Sdk;

/// <summary>Fails a test with Hologram's one-line message (a configuration error), with no stack trace of its own.</summary>
internal sealed class HologramTestException(string message) : Exception(message)
{
    public override string? StackTrace => null;
}
