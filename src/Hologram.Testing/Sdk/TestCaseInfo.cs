using System.Reflection;

namespace Hologram.Testing.Sdk;

/// <summary>What an adapter knows of a test case before it runs, for <see cref="AdapterRun.BeginTestCase"/>.</summary>
public sealed record TestCaseInfo
{
    /// <summary>The full class name (nested classes with <c>+</c>).</summary>
    public required string ClassName { get; init; }

    /// <summary>The name the runner shows for the test case, for notes such as a retry's.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The test's <c>Category</c> values (from Hologram's trait attributes and the framework's own categories).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>The test method, where the adapter has it: its retry attribute is read from here.</summary>
    public MethodInfo? Method { get; init; }

    /// <summary>The test class, where the adapter has it: a retry attribute on the class applies when the method has none.</summary>
    public Type? Class { get; init; }

    /// <summary>True when the framework already skips the test statically (its own skip wins over a profile skip).</summary>
    public bool SkippedByFramework { get; init; }
}
