namespace Hologram.Testing.History;

/// <summary>How a flake was detected.</summary>
public enum FlakeKind
{
    /// <summary>The test failed and then passed on a retry within one run.</summary>
    PassedOnRetry,

    /// <summary>The test's final outcomes differed across runs of the same commit.</summary>
    DifferentOutcomeSameCommit,
}

/// <summary>Evidence that a test is flaky: which test, in which run, on which commit, and how it was detected.</summary>
public sealed record FlakeEvent
{
    /// <summary>The test.</summary>
    public required string TestId { get; init; }

    /// <summary>The run in which the flake was seen (for cross-run flakes: the later run).</summary>
    public required string RunId { get; init; }

    /// <summary>The commit, if known.</summary>
    public string? Commit { get; init; }

    /// <summary>How the flake was detected.</summary>
    public required FlakeKind Kind { get; init; }

    /// <summary>When it was detected.</summary>
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>The signature of the failure involved, if any.</summary>
    public string? ErrorSignature { get; init; }
}
