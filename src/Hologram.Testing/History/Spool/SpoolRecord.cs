namespace Hologram.Testing.History.Spool;

/// <summary>One line of a spool file: <c>{"type":"run"|"attempt"|"flake"|"perf"|"end", …}</c>.</summary>
internal sealed class SpoolRecord
{
    public const string RunType = "run";
    public const string AttemptType = "attempt";
    public const string FlakeType = "flake";
    public const string PerfType = "perf";
    public const string EndType = "end";

    /// <summary>What the line holds.</summary>
    public string Type { get; set; } = string.Empty;

    /// <summary>For <c>run</c>.</summary>
    public RunInfo? Run { get; set; }

    /// <summary>For <c>attempt</c>.</summary>
    public TestAttempt? Attempt { get; set; }

    /// <summary>For <c>flake</c>.</summary>
    public FlakeEvent? Flake { get; set; }

    /// <summary>For <c>perf</c>.</summary>
    public PerfHistoryEntry? Perf { get; set; }

    /// <summary>For <c>end</c>.</summary>
    public string? RunId { get; set; }

    /// <summary>For <c>end</c>.</summary>
    public DateTimeOffset? EndedAt { get; set; }
}
