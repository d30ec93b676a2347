namespace Hologram.Testing.E2E;

/// <summary>A step being run by <see cref="E2EEventLog.StepAsync(string, Func{E2EStep, Task})"/>: put details into <see cref="Data"/>.</summary>
public sealed class E2EStep
{
    internal E2EStep(string name) => Name = name;

    /// <summary>The step's name.</summary>
    public string Name { get; }

    /// <summary>Details written with the event as <c>data</c> (values serialized as JSON, strings redacted).</summary>
    public IDictionary<string, object?> Data { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
