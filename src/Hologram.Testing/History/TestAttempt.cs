namespace Hologram.Testing.History;

/// <summary>One attempt of one test in one run. Every attempt is recorded, not only the final one.</summary>
public sealed record TestAttempt
{
    /// <summary>The run the attempt belongs to.</summary>
    public required string RunId { get; init; }

    /// <summary>The stable test id (see <see cref="Sdk.TestIds"/>).</summary>
    public required string TestId { get; init; }

    /// <summary>The name the runner showed.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The full class name.</summary>
    public required string ClassName { get; init; }

    /// <summary>The test's categories (<c>Category</c> traits).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public required int Attempt { get; init; }

    /// <summary>The attempt's outcome as it happened (a quarantined failure is <see cref="TestOutcome.Failed"/>).</summary>
    public required TestOutcome Outcome { get; init; }

    /// <summary>Duration of the attempt in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>True for the attempt whose outcome decided the test's result in this run (the last one).</summary>
    public required bool IsFinal { get; init; }

    /// <summary>True when the test was quarantined, so a failure was reported to the runner as skipped.</summary>
    public bool Quarantined { get; init; }

    /// <summary>The (redacted) error message of a failure, or the skip reason.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>A stable signature of the failure (see <see cref="ErrorSignature"/>), or null.</summary>
    public string? ErrorSignature { get; init; }

    /// <summary>When the attempt finished.</summary>
    public required DateTimeOffset FinishedAt { get; init; }
}
