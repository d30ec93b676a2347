using Hologram.Testing.History;

namespace Hologram.Testing.Sdk;

/// <summary>
/// What a test framework reported for one test in one attempt, in neutral terms: passed; failed with the exception's
/// type, message and stack trace; or skipped by the framework with its reason. An adapter builds one per executed test
/// and hands the attempt's observations to <see cref="TestCaseRun"/>, which decides what they mean.
/// </summary>
public sealed record TestObservation
{
    /// <summary>The stable test id (see <see cref="TestIds"/>).</summary>
    public required string TestId { get; init; }

    /// <summary>The name the runner shows.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the framework reported.</summary>
    public required TestOutcome Outcome { get; init; }

    /// <summary>How long the attempt took, in milliseconds.</summary>
    public required double DurationMs { get; init; }

    /// <summary>The full type name of the exception that failed the test, if the framework knows it.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The exception's own message (a failure), or the framework's skip reason (a skip).</summary>
    public string? Message { get; init; }

    /// <summary>The exception's stack trace, if known.</summary>
    public string? StackTrace { get; init; }

    /// <summary>A passed test.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="displayName">The name the runner shows.</param>
    /// <param name="durationMs">Duration in milliseconds.</param>
    public static TestObservation Passed(string testId, string displayName, double durationMs) =>
        new() { TestId = testId, DisplayName = displayName, Outcome = TestOutcome.Passed, DurationMs = durationMs };

    /// <summary>A test the framework itself skipped.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="displayName">The name the runner shows.</param>
    /// <param name="durationMs">Duration in milliseconds.</param>
    /// <param name="reason">The framework's skip reason.</param>
    public static TestObservation Skipped(string testId, string displayName, double durationMs, string? reason) =>
        new() { TestId = testId, DisplayName = displayName, Outcome = TestOutcome.Skipped, DurationMs = durationMs, Message = reason };

    /// <summary>A failed test.</summary>
    /// <param name="testId">The test id.</param>
    /// <param name="displayName">The name the runner shows.</param>
    /// <param name="durationMs">Duration in milliseconds.</param>
    /// <param name="exceptionType">The exception's full type name, if known.</param>
    /// <param name="message">The exception's own message (without its type name).</param>
    /// <param name="stackTrace">The stack trace, if known.</param>
    public static TestObservation Failed(
        string testId, string displayName, double durationMs, string? exceptionType, string? message, string? stackTrace) =>
        new()
        {
            TestId = testId,
            DisplayName = displayName,
            Outcome = TestOutcome.Failed,
            DurationMs = durationMs,
            ExceptionType = exceptionType,
            Message = message,
            StackTrace = stackTrace,
        };
}
