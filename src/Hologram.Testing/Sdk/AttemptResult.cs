using Hologram.Testing.History;

namespace Hologram.Testing.Sdk;

/// <summary>What an adapter observed for one attempt of one test, before redaction and signature.</summary>
internal sealed record AttemptResult
{
    /// <summary>The stable test id.</summary>
    public required string TestId { get; init; }

    /// <summary>The name the runner shows.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The full class name.</summary>
    public required string ClassName { get; init; }

    /// <summary>The test's categories.</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>The outcome as it happened.</summary>
    public required TestOutcome Outcome { get; init; }

    /// <summary>Duration in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>True for the attempt whose outcome was reported.</summary>
    public required bool IsFinal { get; init; }

    /// <summary>True when a failure was reported as skipped because the test is quarantined.</summary>
    public bool Quarantined { get; init; }

    /// <summary>The failure message or skip reason.</summary>
    public string? Message { get; init; }

    /// <summary>The exception type of a failure.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The stack trace of a failure.</summary>
    public string? StackTrace { get; init; }
}
